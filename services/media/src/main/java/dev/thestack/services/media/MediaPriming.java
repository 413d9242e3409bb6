package dev.thestack.services.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.SubgraphPriming;
import java.util.Optional;

/**
 * Media's SnapStart priming: the call the router makes most, a Todo's attachments and {@code canAttach} through
 * {@code _entities} (federation's entity resolution, the {@code @requires}) and a DynamoDB Query, for the priming
 * tenant, which holds no attachments, so S3 is not called.
 */
public final class MediaPriming extends SubgraphPriming {
    static final String PRIMING_BODY = "{\"query\":\"query Priming($representations: [_Any!]!) { _entities("
            + "representations: $representations) { ... on Todo { canAttach attachments { id fileName contentType"
            + " status url variants { name url } } } } }\",\"variables\":{\"representations\":[{\"__typename\":"
            + "\"Todo\",\"id\":\"00000000-0000-4000-8000-000000000000\",\"done\":false}]}}";

    MediaPriming(MediaSubgraph subgraph, GraphQLRequestParser requestParser, ObjectMapper json) {
        super(PRIMING_BODY, requestParser, json,
                (request, tenant) -> subgraph.execute(request, tenant, Optional.empty()));
    }
}
