package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequest;
import dev.thestack.services.router.supergraph.Supergraph;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random and mutated documents and variables through the whole router (parser, validation, limits, planner,
 * executor, shaping) over the in-process subgraphs: every answer is a GraphQL response (HTTP 200 with data, or
 * 400 with errors), never an exception, a 500 or a message that speaks of Java.
 */
class RouterFuzzTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();
    private static final Router ROUTER = Router.builder().supergraph(SUPERGRAPH).transport(new InProcessSubgraphs())
            .introspection(true).build();

    /** Valid operations touching every planning feature, which the mutations start from. */
    private static final List<String> SEEDS = List.of(
            "{ todos { id title done canAttach attachments { fileName uploadedBy { id todos { title } } } } }",
            "query One($id: ID!) { todo(id: $id) { ...Parts owner { uploads(limit: 2) { kind status } } } } fragment Parts on Todo { t: title createdAt }",
            "{ attachment(id: \"a1\") { todo { canAttach done } variants { name width } transcode { jobId } } me { id } }",
            "mutation Make($title: String!) { createTodo(input: {title: $title}) { id ... on Todo { canAttach } } setTodoDone(id: \"1\", done: true) { done } }",
            "query($with: Boolean!) { __typename todos(limit: 1) { id attachments @include(if: $with) { id } __typename } }",
            "{ __schema { queryType { name } } __type(name: \"Attachment\") { fields { name } } }");
    private static final List<String> TOKENS = List.of("{", "}", "(", ")", ":", "$", "@", "...", "on", "!", "[", "]",
            "\"", "=", ",", " ", "query", "mutation", "subscription", "fragment", "todos", "todo", "me", "id", "title",
            "attachments", "canAttach", "done", "owner", "uploads", "_entities", "__typename", "__schema", "Todo",
            "User", "Attachment", "$id", "$title", "@skip(if: true)", "@include(if: $with)", "1", "-1", "3.5",
            "\"\\u0000\"", "null", "true", "a: ", "limit: 101", "id: \"1\"", "\u00e9", "\ud83d\ude00", "#", "\n",
            "{".repeat(40), "[".repeat(40));

    @Property(tries = 400)
    void randomTextIsAnsweredWithACleanGraphQLError(@ForAll("noise") String query) {
        assertClean(ROUTER.execute(new GraphQLRequest(query, Map.of(), null), Map.of()));
    }

    @Property(tries = 600)
    void mutatedOperationsAreAnsweredOrRefusedCleanly(@ForAll("mutatedOperations") String query,
                                                      @ForAll("variables") Map<String, Object> variables) {
        GraphQLHttpResponse response = ROUTER.execute(new GraphQLRequest(query, variables, null), Map.of("x-user-id", "u1"));
        assertClean(response);
        Statistics.collect(response.statusCode());
        // the mutations must leave enough operations valid for the planner and executor to be fuzzed too
        Statistics.coverage(coverage -> coverage.check(200).percentage(percent -> percent >= 5));
    }

    private static void assertClean(GraphQLHttpResponse response) {
        assertThat(response.statusCode()).isIn(200, 400);
        if (response.statusCode() == 400) {
            assertThat(response.body()).containsOnlyKeys("errors");
        } else {
            assertThat(response.body()).containsKey("data");
        }
        if (response.body().get("errors") instanceof List<?> errors) {
            assertThat(errors).isNotEmpty().allSatisfy(error -> {
                assertThat(error).isInstanceOf(Map.class);
                Object message = ((Map<?, ?>) error).get("message");
                assertThat(message).isInstanceOf(String.class);
                assertThat((String) message).doesNotContain("Exception").doesNotContain("java.")
                        .doesNotContain("LinkedHashMap").doesNotContain("\tat ");
            });
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join("", tokens)));
    }

    @Provide
    Arbitrary<String> mutatedOperations() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> mutated = seed.flatMap(operation -> mutation().list().ofMinSize(1).ofMaxSize(4)
                .map(mutations -> {
                    String text = operation;
                    for (Mutation mutation : mutations) {
                        text = mutation.apply(text);
                    }
                    return text;
                }));
        // a share of seeds as they are, so enough operations run through planner and executor whatever the mutations do
        return Arbitraries.frequencyOf(Tuple.of(1, seed), Tuple.of(3, mutated));
    }

    /** One edit at a random place of the text: delete a stretch, insert a token, or repeat a stretch. */
    private record Mutation(int kind, double at, int length, String token) {
        String apply(String text) {
            int position = (int) (at * text.length());
            int end = Math.min(text.length(), position + length);
            return switch (kind) {
                case 0 -> text.substring(0, position) + text.substring(end);
                case 1 -> text.substring(0, position) + token + text.substring(position);
                default -> text.substring(0, end) + text.substring(position, end) + text.substring(end);
            };
        }
    }

    private static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 12), Arbitraries.of(TOKENS)).as(Mutation::new);
    }

    @Provide
    Arbitrary<Map<String, Object>> variables() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.just(Map.of("title", "nested")));
        return Arbitraries.maps(Arbitraries.of("id", "title", "with", "limit", "representations"), value).ofMaxSize(4);
    }
}
