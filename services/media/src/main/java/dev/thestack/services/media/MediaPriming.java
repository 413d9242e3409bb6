package dev.thestack.services.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.SnapStartPriming;
import dev.thestack.services.graphql.TenantId;
import java.util.Optional;

/**
 * Media's SnapStart priming: the call the router makes most, a Todo's attachments and {@code canAttach} through
 * {@code _entities} (federation's entity resolution, the {@code @requires}) and a DynamoDB Query. It only reads,
 * for a tenant of its own that holds no attachments, so no data changes and S3 is not called.
 */
public final class MediaPriming extends SnapStartPriming {
    /** The tenant whose (absent) attachments the priming request lists. */
    public static final TenantId PRIMING_TENANT = new TenantId("snapstart-priming");
    static final String PRIMING_BODY = "{\"query\":\"query Priming($representations: [_Any!]!) { _entities("
            + "representations: $representations) { ... on Todo { canAttach attachments { id fileName contentType"
            + " status url variants { name url } } } } }\",\"variables\":{\"representations\":[{\"__typename\":"
            + "\"Todo\",\"id\":\"00000000-0000-4000-8000-000000000000\",\"done\":false}]}}";

    private final MediaSubgraph subgraph;

    MediaPriming(MediaSubgraph subgraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        super(PRIMING_BODY, requestParser, json);
        this.subgraph = subgraph;
    }

    @Override
    protected GraphQLHttpResponse answer(GraphQLRequest request) {
        return GraphQLHttpResponse.of(subgraph.execute(request, PRIMING_TENANT, Optional.empty()).result());
    }
}
