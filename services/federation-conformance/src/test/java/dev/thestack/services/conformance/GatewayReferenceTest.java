package dev.thestack.services.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.conformance.GraphQLHttpClient.Answer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference itself: @apollo/gateway answers the corpus the way the federation spec and the subgraphs say it
 * should, so agreeing with it means something. Key facts only; the comparison with the Java router checks every
 * member of every answer.
 */
class GatewayReferenceTest extends CorpusFixture {
    private static Map<String, CorpusOperation> corpus;

    @BeforeAll
    static void loadCorpus() {
        corpus = CorpusOperation.load().stream()
                .collect(Collectors.toMap(CorpusOperation::name, Function.identity()));
    }

    private static Answer run(String name) {
        CorpusOperation operation = corpus.get(name);
        assertThat(operation).as("corpus operation %s", name).isNotNull();
        return new CorpusRunner(SUBGRAPHS).run(GATEWAY.uri(), CorpusRunner.tenant("gw", operation), operation);
    }

    @Test
    void theCorpusHasAtLeastThirtyOperationsEachWithItsOwnNumber() {
        List<CorpusOperation> operations = CorpusOperation.load();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(30);
        assertThat(operations).extracting(CorpusOperation::number).doesNotHaveDuplicates();
    }

    @Test
    void listsTheTenantsSeededTodosFromTheTodoSubgraph() {
        Answer answer = run("01-todos-list");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errors().isMissingNode()).as(answer.body().toString()).isTrue();
        assertThat(texts(answer.data().path("todos"), "title"))
                .containsExactlyInAnyOrderElementsOf(SubgraphServers.SEED_TODOS.stream().map(SubgraphServers.SeedTodo::title).toList());
    }

    @Test
    void aliasesRenameTheFieldsOfTheAnswer() {
        Answer answer = run("04-aliases");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().path("someTodos")).hasSize(2);
        assertThat(answer.data().path("someTodos").path(0).has("key")).isTrue();
    }

    @Test
    void anUnknownIdIsNullWithoutError() {
        Answer answer = run("03-todo-unknown-id");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().path("todo").isNull()).as(answer.body().toString()).isTrue();
        assertThat(answer.errors().isMissingNode()).isTrue();
    }

    @Test
    void aVariablesDefaultAppliesWhenTheRequestOmitsIt() {
        Answer answer = run("08-variable-default");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().path("todos")).hasSize(2);
    }

    @Test
    void requestsThatCannotRunAre400WithTheGatewaysErrorCodes() {
        assertRefused(run("09-variable-wrong-type"), "BAD_USER_INPUT", "$limit");
        assertRefused(run("10-missing-required-variable"), "BAD_USER_INPUT", "$id");
        assertRefused(run("11-unknown-field"), "GRAPHQL_VALIDATION_FAILED", "priority");
        assertRefused(run("12-unknown-root-field"), "GRAPHQL_VALIDATION_FAILED", "projects");
        assertRefused(run("13-syntax-error"), "GRAPHQL_PARSE_FAILED", "Syntax Error");
        assertRefused(run("37-unknown-argument"), "GRAPHQL_VALIDATION_FAILED", "first");
    }

    @Test
    void aSubgraphsRefusalReachesTheClientWithItsCodeAndNullBubblesToData() {
        Answer answer = run("14-limit-out-of-range");
        assertThat(answer.status()).isEqualTo(200);
        // todos is non-null: its null takes the whole data with it
        assertThat(answer.data().isNull()).as(answer.body().toString()).isTrue();
        JsonNode error = answer.errors().path(0);
        assertThat(error.path("message").asText()).contains("limit must be between 1 and 100");
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.path("extensions").path("serviceName").asText()).isEqualTo("todo");
    }

    @Test
    void mediaAnswersForTheImageItMadeVariantsOf() {
        Answer answer = run("23-image-variants");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode attachment = answer.data().path("attachment");
        assertThat(attachment.path("status").asText()).as(answer.body().toString()).isEqualTo("READY");
        assertThat(attachment.path("kind").asText()).isEqualTo("IMAGE");
        // the seeded photo is 640 x 480: each variant keeps its proportions
        assertThat(attachment.path("variants")).extracting(variant -> variant.path("name").asText() + " "
                + variant.path("width").asInt() + "x" + variant.path("height").asInt())
                .containsExactly("thumbnail 128x96", "medium 512x384");
        assertThat(attachment.path("transcode").isNull()).isTrue();
    }

    @Test
    void mediasRefusalsReachTheClientWithTheirServiceName() {
        JsonNode rejected = run("29-request-upload-rejected-type").errors().path(0);
        assertThat(rejected.path("message").asText()).contains("application/x-msdownload");
        assertThat(rejected.path("extensions").path("serviceName").asText()).isEqualTo("media");

        JsonNode notUploaded = run("31-complete-upload-without-file").errors().path(0);
        assertThat(notUploaded.path("message").asText()).as(notUploaded.toString()).contains("PUT it to the uploadUrl");
        assertThat(notUploaded.path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    private static void assertRefused(Answer answer, String code, String named) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.data().isMissingNode()).as("no data: nothing ran").isTrue();
        JsonNode error = answer.errors().path(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(named);
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
    }
}
