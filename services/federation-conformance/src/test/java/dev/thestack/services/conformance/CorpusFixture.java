package dev.thestack.services.conformance;

import dev.thestack.services.awslocal.ApolloGatewayExtension;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.media.MediaTables;
import dev.thestack.services.todo.TodoTables;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every corpus test class runs against, started once per class in this order and stopped after it: dynalite
 * and s3rver, the subgraphs over HTTP on them, and @apollo/gateway in front of the subgraphs.
 */
abstract class CorpusFixture {
    @RegisterExtension
    @Order(1)
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(
            TodoTables.todoTable(SubgraphServers.TODO_TABLE), MediaTables.attachmentsTable(SubgraphServers.MEDIA_TABLE));

    @RegisterExtension
    @Order(2)
    static final S3rverExtension S3 = S3rverExtension.withBuckets(SubgraphServers.MEDIA_BUCKET);

    @RegisterExtension
    @Order(3)
    static final SubgraphServers SUBGRAPHS = new SubgraphServers(DYNALITE, S3);

    @RegisterExtension
    @Order(4)
    static final ApolloGatewayExtension GATEWAY = ApolloGatewayExtension.of(Supergraph.sdl(), SUBGRAPHS::urls);
}
