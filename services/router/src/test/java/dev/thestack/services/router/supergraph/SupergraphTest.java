package dev.thestack.services.router.supergraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.schema.GraphQLObjectType;
import org.junit.jupiter.api.Test;

class SupergraphTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();

    @Test
    void readsTheSubgraphsKeysAndFieldJoinsOfTheComposedSupergraph() {
        assertThat(SUPERGRAPH.subgraphs()).extracting(Subgraph::name).containsExactly("media", "todo");
        assertThat(SUPERGRAPH.resolvableKeys("Todo", "media")).extracting(EntityKey::fieldSet).containsExactly("id");
        assertThat(SUPERGRAPH.joinOf("Todo", "done", "media")).get().extracting(FieldJoin::external).isEqualTo(true);
        assertThat(SUPERGRAPH.requiresOf("Todo", "canAttach", "media")).isNotNull();
        assertThat(SUPERGRAPH.graphsOf("Attachment")).containsExactly("media");
        // a field without @join__field belongs to every subgraph of its type
        assertThat(SUPERGRAPH.joinsOf("Todo", "id")).extracting(FieldJoin::graph).containsExactly("media", "todo");
    }

    @Test
    void theApiSchemaHasNoFederationMachinery() {
        assertThat(SUPERGRAPH.apiSchema().getType("join__Graph")).isNull();
        assertThat(SUPERGRAPH.apiSchema().getDirective("join__field")).isNull();
        assertThat(((GraphQLObjectType) SUPERGRAPH.apiSchema().getType("Todo")).getFieldDefinition("canAttach")).isNotNull();
        assertThat(SUPERGRAPH.schema().getType("join__Graph")).isNotNull();
    }

    @Test
    void inaccessibleElementsAreLeftOutOfTheApiSchemaOnly() {
        String sdl = SUPERGRAPH.sdl()
                .replace("@link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)",
                        "@link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)\n"
                                + "  @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY)")
                .replace("directive @join__enumValue", "directive @inaccessible on FIELD_DEFINITION | OBJECT\n\ndirective @join__enumValue")
                .replace("createdAt: String! @join__field(graph: TODO)", "createdAt: String! @join__field(graph: TODO) @inaccessible");

        Supergraph hidden = Supergraph.parse(sdl);

        assertThat(((GraphQLObjectType) hidden.apiSchema().getType("Todo")).getFieldDefinition("createdAt")).isNull();
        assertThat(((GraphQLObjectType) hidden.schema().getType("Todo")).getFieldDefinition("createdAt")).isNotNull();
    }

    @Test
    void anSdlThatIsNoSupergraphIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> Supergraph.parse("type Query { a: String }"))
                .isInstanceOf(UnsupportedSupergraphException.class)
                .hasMessageContaining("not a supergraph (compose one with @apollo/composition)");
        assertThatThrownBy(() -> Supergraph.parse("type Query {"))
                .isInstanceOf(UnsupportedSupergraphException.class)
                .hasMessageStartingWith("The supergraph is not valid GraphQL SDL");
    }

    @Test
    void featuresTheRouterCannotHonourAreRefusedAtLoadTime() {
        String sdl = SUPERGRAPH.sdl().replace("@link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)",
                "@link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)\n"
                        + "  @link(url: \"https://specs.apollo.dev/authenticated/v0.1\", for: SECURITY)");

        assertThatThrownBy(() -> Supergraph.parse(sdl))
                .isInstanceOf(UnsupportedSupergraphException.class)
                .hasMessageContaining("@authenticated");
    }
}
