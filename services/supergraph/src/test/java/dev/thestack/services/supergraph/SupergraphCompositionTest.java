package dev.thestack.services.supergraph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SupergraphCompositionTest {
    private static final Path ROOT = Path.of(System.getProperty("thestack.root", "../..")).toAbsolutePath().normalize();
    private static final Path TODO_SDL = ROOT.resolve("services/todo/src/main/resources/todo.graphqls");

    @Test
    void theBuildComposedTheSupergraphFromTheTodoAndMediaSubgraphs() throws IOException {
        String supergraph;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("supergraph.graphql")) {
            assertThat(in).as("the build writes supergraph.graphql").isNotNull();
            supergraph = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(supergraph).contains("TODO @join__graph(name: \"todo\", url: \"lambda:todo\")")
                .contains("MEDIA @join__graph(name: \"media\", url: \"lambda:media\")")
                .contains("type Todo", "@join__type(graph: TODO, key: \"id\")", "@join__type(graph: MEDIA, key: \"id\")",
                        "createTodo(input: CreateTodoInput!): Todo!")
                // the entity join both ways and the @requires case the router must plan
                .contains("attachments: [Attachment!]! @join__field(graph: MEDIA)",
                        "canAttach: Boolean! @join__field(graph: MEDIA, requires: \"done\")",
                        "done: Boolean! @join__field(graph: MEDIA, external: true) @join__field(graph: TODO)");
    }

    @Test
    void subgraphsThatDoNotComposeFailWithApollosErrorCodes(@TempDir Path dir) throws Exception {
        Path conflicting = dir.resolve("other.graphqls");
        Files.writeString(conflicting, "type Query { todos: [Int] }\n");

        Process compose = new ProcessBuilder("node", ROOT.resolve("node-tools/compose-supergraph.mjs").toString(),
                "--out", dir.resolve("supergraph.graphql").toString(),
                "todo=lambda:todo=" + TODO_SDL, "other=lambda:other=" + conflicting)
                .redirectErrorStream(true).start();
        String output = new String(compose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(compose.waitFor()).as(output).isEqualTo(1);
        assertThat(output).contains("the subgraphs do not compose", "FIELD_TYPE_MISMATCH", "INVALID_FIELD_SHARING");
        assertThat(dir.resolve("supergraph.graphql")).as("nothing half-written").doesNotExist();
    }

    @Test
    void aSubgraphThatIsNotSdlIsNamed(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.graphqls");
        Files.writeString(broken, "type Query { todos: [Int\n");

        Process compose = new ProcessBuilder("node", ROOT.resolve("node-tools/compose-supergraph.mjs").toString(),
                "--out", dir.resolve("supergraph.graphql").toString(), "media=lambda:media=" + broken)
                .redirectErrorStream(true).start();
        String output = new String(compose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(compose.waitFor()).isEqualTo(1);
        assertThat(output).contains("subgraph media (" + broken + ") is not valid GraphQL SDL");
    }
}
