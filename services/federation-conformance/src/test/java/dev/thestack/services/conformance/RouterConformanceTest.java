package dev.thestack.services.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.conformance.GraphQLHttpClient.Answer;
import dev.thestack.services.conformance.JsonDiff.Difference;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.FetchTimeouts;
import dev.thestack.services.router.HttpSubgraphTransport;
import dev.thestack.services.router.Router;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus through the Java router and through @apollo/gateway on the same running subgraphs: for every
 * operation, the same HTTP status and the same JSON body. The router runs in-process, built as a deployment
 * builds it, and reaches the subgraphs over HTTP like the gateway does; each operation runs under its own pair of
 * identically seeded tenants (gw-NN, java-NN).
 *
 * <p>Where the router answers otherwise on purpose, {@link #KNOWN_DIFFERENCES} says so, member by member. Any other
 * difference fails the operation, and so does a listed one that no longer occurs, so the list can only shrink.
 */
class RouterConformanceTest extends CorpusFixture {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    /** A member of one operation's answer that differs from the gateway's, and why that is right or accepted. */
    record KnownDifference(String operation, String path, String reason) {
    }

    private static final String SUBGRAPH_REFUSAL = "a subgraph that refuses the request with HTTP 400 and a GraphQL"
            + " error: the gateway answers \"400: Bad Request\" (INTERNAL_SERVER_ERROR) and copies the subgraph's URL and"
            + " raw reply into extensions.response; the router passes the subgraph's own message on with serviceName and"
            + " DOWNSTREAM_SERVICE_ERROR, and leaks no internal address";
    static final List<KnownDifference> KNOWN_DIFFERENCES = List.of(
            new KnownDifference("33-missing-tenant-header", "$.body.errors[0].message", SUBGRAPH_REFUSAL),
            new KnownDifference("33-missing-tenant-header", "$.body.errors[0].extensions.code", SUBGRAPH_REFUSAL),
            new KnownDifference("33-missing-tenant-header", "$.body.errors[0].extensions.serviceName", SUBGRAPH_REFUSAL),
            new KnownDifference("33-missing-tenant-header", "$.body.errors[0].extensions.response", SUBGRAPH_REFUSAL));

    private static Router router;

    @BeforeAll
    static void buildRouter() {
        router = Router.builder()
                .supergraph(Supergraph.sdl())
                .transport(new HttpSubgraphTransport(SUBGRAPHS.urls(), FetchTimeouts.of(FETCH_TIMEOUT)))
                // as the gateway under Apollo Server outside production
                .introspection(true)
                .build();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationGetsTheGatewaysAnswer() {
        CorpusRunner runner = new CorpusRunner(SUBGRAPHS);
        JsonDiff diff = new JsonDiff("gateway", "router");
        return CorpusOperation.load().stream().map(operation -> DynamicTest.dynamicTest(operation.name(), () -> {
            Answer gateway = runner.run(GATEWAY.uri(), CorpusRunner.tenant("gw", operation), operation);
            Answer javaRouter = runner.run(CorpusRunner.tenant("java", operation), operation, headers -> {
                GraphQLHttpResponse response = router.execute(
                        new GraphQLRequest(operation.query(), operation.variables(), operation.operationName()), headers);
                return new Answer(response.statusCode(), GraphQLHttpClient.JSON.valueToTree(response.body()));
            });
            List<Difference> differences = diff.differences(gateway.asJson(), javaRouter.asJson());
            Set<String> known = KNOWN_DIFFERENCES.stream()
                    .filter(difference -> difference.operation().equals(operation.name()))
                    .map(KnownDifference::path)
                    .collect(Collectors.toSet());
            List<Difference> unexpected = differences.stream().filter(d -> !known.contains(d.path())).toList();
            assertThat(unexpected)
                    .as("%s differs from the gateway:%n  %s%ngateway: %s%nrouter:  %s", operation.name(),
                            unexpected.stream().map(Difference::toString)
                                    .collect(Collectors.joining(System.lineSeparator() + "  ")),
                            gateway.asJson(), javaRouter.asJson())
                    .isEmpty();
            Set<String> differing = differences.stream().map(Difference::path).collect(Collectors.toSet());
            assertThat(known).as("%s: known differences that no longer occur; remove them from KNOWN_DIFFERENCES",
                    operation.name()).isSubsetOf(differing);
        }));
    }
}
