package dev.thestack.services.router.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.router.supergraph.Supergraph;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.validation.Validator;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans on the supergraph the build composed from the Todo and Media SDLs. */
class QueryPlannerTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();
    private static final QueryPlanner PLANNER = new QueryPlanner(SUPERGRAPH);
    private static final OperationNormalizer NORMALIZER = new OperationNormalizer(SUPERGRAPH.apiSchema());

    static QueryPlan plan(String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        assertThat(new Validator().validateDocument(SUPERGRAPH.apiSchema(), document, Locale.ENGLISH))
                .as("the test's operation is valid").isEmpty();
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        return PLANNER.plan(NORMALIZER.normalize(document, operation, variables));
    }

    static QueryPlan plan(String query) {
        return plan(query, Map.of());
    }

    @Test
    void aQueryOfOneSubgraphIsOneFetch() {
        QueryPlan plan = plan("query Todos { todos(limit: 5) { id title done } }");

        assertThat(plan.format()).isEqualTo("Fetch(todo) { todos(limit: 5) { id title done } }\n");
        assertThat(plan.fetches().get(0).operation()).isEqualTo("query Todos__todo__0{todos(limit:5){id title done}}");
    }

    @Test
    void rootFieldsOfDifferentSubgraphsAreFetchedInParallel() {
        QueryPlan plan = plan("{ todo(id: \"1\") { title } attachment(id: \"2\") { fileName } }");

        assertThat(plan.format()).isEqualTo("""
                Parallel {
                  Fetch(todo) { todo(id: "1") { title } }
                  Fetch(media) { attachment(id: "2") { fileName } }
                }
                """);
    }

    @Test
    void entityFieldsOfAnotherSubgraphAreFetchedByKeyAfterTheirParent() {
        QueryPlan plan = plan("{ todos { title attachments { fileName } } }");

        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(todo) { todos { title __typename id } }
                  Flatten(todos.@) {
                    Fetch(media) { ... on Todo { __typename id } } => { ... on Todo { attachments { fileName } } }
                  }
                }
                """);
        assertThat(plan.fetches().get(1).operation()).isEqualTo(
                "query ($representations:[_Any!]!){_entities(representations:$representations){...on Todo{attachments{fileName}}}}");
    }

    @Test
    void requiredFieldsAreFetchedFromTheirOwnerFirstAndSentInTheRepresentation() {
        QueryPlan plan = plan("{ attachment(id: \"2\") { todo { canAttach } } }");

        // Media knows only the todo's id: done comes from Todo, then canAttach from Media with done in hand
        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(media) { attachment(id: "2") { todo { __typename id } } }
                  Flatten(attachment.todo) {
                    Fetch(todo) { ... on Todo { __typename id } } => { ... on Todo { done } }
                  }
                  Flatten(attachment.todo) {
                    Fetch(media) { ... on Todo { __typename id done } } => { ... on Todo { canAttach } }
                  }
                }
                """);
    }

    @Test
    void requiredFieldsTheParentFetchCanGetRideAlongWithIt() {
        QueryPlan plan = plan("{ todo(id: \"1\") { canAttach } }");

        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(todo) { todo(id: "1") { __typename id done } }
                  Flatten(todo) {
                    Fetch(media) { ... on Todo { __typename id done } } => { ... on Todo { canAttach } }
                  }
                }
                """);
    }

    @Test
    void independentEntityFetchesRunInParallelAndDependentOnesInSequence() {
        QueryPlan plan = plan("{ todos { attachments { uploadedBy { todos { title } } } } me { uploads { id } } }");

        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(todo) { todos { __typename id } me { __typename id } }
                  Parallel {
                    Sequence {
                      Flatten(todos.@) {
                        Fetch(media) { ... on Todo { __typename id } } => { ... on Todo { attachments { uploadedBy { __typename id } } } }
                      }
                      Flatten(todos.@.attachments.@.uploadedBy) {
                        Fetch(todo) { ... on User { __typename id } } => { ... on User { todos { title } } }
                      }
                    }
                    Flatten(me) {
                      Fetch(media) { ... on User { __typename id } } => { ... on User { uploads { id } } }
                    }
                  }
                }
                """);
    }

    @Test
    void mutationRootFieldsRunInDocumentOrderEachWithItsEntityFetches() {
        QueryPlan plan = plan("""
                mutation Work($title: String!, $id: ID!) {
                  createTodo(input: {title: $title}) { id attachments { id } }
                  completeUpload(id: $id) { status }
                  setTodoDone(id: "1", done: true) { done }
                  other: createTodo(input: {title: "second"}) { id }
                }""");

        // the two Todo fields after completeUpload share a fetch: the subgraph runs them in order itself
        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(todo) { createTodo(input: {title:$title}) { id __typename } }
                  Flatten(createTodo) {
                    Fetch(media) { ... on Todo { __typename id } } => { ... on Todo { attachments { id } } }
                  }
                  Fetch(media) { completeUpload(id: $id) { status } }
                  Fetch(todo) { setTodoDone(id: "1", done: true) { done } other: createTodo(input: {title:"second"}) { id } }
                }
                """);
        assertThat(plan.fetches()).extracting(PlanNode.Fetch::variableUsages)
                .containsExactly(java.util.List.of("title"), java.util.List.of(), java.util.List.of("id"), java.util.List.of());
        assertThat(plan.fetches().get(0).operation())
                .isEqualTo("mutation Work__todo__0($title:String!){createTodo(input:{title:$title}){id __typename}}");
        assertThat(plan.fetches().get(1).operation()).startsWith("query Work__media__1(");
    }

    @Test
    void fragmentsAndAliasesArePlannedAsIfWrittenInline() {
        QueryPlan plan = plan("""
                { first: todo(id: "1") { ...Parts } second: todo(id: "2") { ... on Todo { label: title } } }
                fragment Parts on Todo { label: title attachments { name: fileName } }""");

        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(todo) { first: todo(id: "1") { label: title __typename id } second: todo(id: "2") { label: title } }
                  Flatten(first) {
                    Fetch(media) { ... on Todo { __typename id } } => { ... on Todo { attachments { name: fileName } } }
                  }
                }
                """);
    }

    @Test
    void aClientAliasOverAKeyFieldNameGetsTheKeyUnderAnInternalAlias() {
        QueryPlan plan = plan("{ todo(id: \"1\") { id: title attachments { id } } }");

        assertThat(plan.format()).isEqualTo("""
                Sequence {
                  Fetch(todo) { todo(id: "1") { id: title __typename __internal_id: id } }
                  Flatten(todo) {
                    Fetch(media) { ... on Todo { __typename __internal_id: id } } => { ... on Todo { attachments { id } } }
                  }
                }
                """);
    }

    @Test
    void skipAndIncludeAreAppliedWithTheVariablesValues() {
        String query = "query($withFiles: Boolean!) { todos { title attachments @include(if: $withFiles) { id } } }";

        assertThat(plan(query, Map.of("withFiles", false)).format()).isEqualTo("Fetch(todo) { todos { title } }\n");
        assertThat(plan(query, Map.of("withFiles", true)).fetches()).hasSize(2);
    }

    @Test
    void typenameAloneNeedsNoFetch() {
        assertThat(plan("{ __typename }").node()).isNull();
    }
}
