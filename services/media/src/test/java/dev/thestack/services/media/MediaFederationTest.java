package dev.thestack.services.media;

import static dev.thestack.services.media.MediaCalls.call;
import static dev.thestack.services.media.MediaHandlerTest.REQUEST_UPLOAD;
import static dev.thestack.services.media.MediaHandlerTest.newTenant;
import static dev.thestack.services.media.MediaHandlerTest.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.media.MediaCalls.Reply;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** What a federation router asks of the subgraph: its SDL, and Todo, User and Attachment entities by key. */
class MediaFederationTest {
    private static final String TABLE = "attachments";
    private static final String BUCKET = "media";
    private static final String TODO_ID = "0b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e";
    private static final String ENTITIES = """
            query Entities($representations: [_Any!]!) {
              _entities(representations: $representations) {
                __typename
                ... on Todo { id attachments { id fileName } canAttach }
                ... on User { id uploads(limit: 5) { id } }
                ... on Attachment { id fileName status todo { id } uploadedBy { id } }
              }
            }""";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(MediaTables.attachmentsTable(TABLE));
    @RegisterExtension
    static final S3rverExtension S3 = S3rverExtension.withBuckets(BUCKET);

    private static MediaHandler handler;

    @BeforeAll
    static void createHandler() {
        // no video is completed here: MediaConvert is never called
        handler = new MediaHandler(DYNALITE.client(), LocalClients.s3(S3),
                new MediaConvertJobs(UrlConnectionHttpClient.create(), java.net.URI.create("http://127.0.0.1:9"),
                        Region.EU_WEST_1, S3rverExtension.CREDENTIALS, "arn:aws:iam::1:role/unused"),
                new MediaHandler.Settings(TABLE, BUCKET, "integration"), Clock.systemUTC(), EntityIds.randomUuids());
    }

    @Test
    void serviceSdlIsTheSubgraphsOwnWithItsFederationDirectives() {
        Reply reply = call(handler, newTenant(), null, "{ _service { sdl } }", Map.of());

        String sdl = reply.data().path("_service").path("sdl").asText();
        assertThat(sdl).contains("url : \"https://specs.apollo.dev/federation/v2.9\"",
                "union _Entity = Attachment | Todo | User",
                "type Todo @key(fields : \"id\", resolvable : true)",
                "done: Boolean! @external",
                "canAttach: Boolean! @requires(fields : \"done\")",
                "requestUpload(input: RequestUploadInput!): UploadTicket!");
    }

    @Test
    void todoUserAndAttachmentRepresentationsResolveInOrder() {
        String tenant = newTenant();
        String id = call(handler, tenant, "alice", REQUEST_UPLOAD, upload("a.png", "image/png", 10))
                .data().path("requestUpload").path("attachment").path("id").asText();

        Reply reply = call(handler, tenant, null, ENTITIES, Map.of("representations", List.of(
                Map.of("__typename", "Todo", "id", TODO_ID, "done", false),
                Map.of("__typename", "Todo", "id", TODO_ID, "done", true),
                Map.of("__typename", "User", "id", "alice"),
                Map.of("__typename", "Attachment", "id", id),
                Map.of("__typename", "Attachment", "id", "00000000-0000-4000-8000-00000000ffff"))));

        assertThat(reply.body().has("errors")).as(reply.body().toString()).isFalse();
        JsonNode entities = reply.data().path("_entities");
        assertThat(entities.get(0).path("attachments").get(0).path("id").asText()).isEqualTo(id);
        assertThat(entities.get(0).path("canAttach").asBoolean()).isTrue();
        assertThat(entities.get(1).path("canAttach").asBoolean(true)).isFalse();
        assertThat(entities.get(2).path("uploads").get(0).path("id").asText()).isEqualTo(id);
        assertThat(entities.get(3).path("fileName").asText()).isEqualTo("a.png");
        assertThat(entities.get(3).path("todo").path("id").asText()).isEqualTo(TODO_ID);
        assertThat(entities.get(3).path("uploadedBy").path("id").asText()).isEqualTo("alice");
        assertThat(entities.get(4).isNull()).isTrue();
    }

    @Test
    void anotherTenantsAttachmentIsNoEntity() {
        String id = call(handler, newTenant(), "alice", REQUEST_UPLOAD, upload("a.png", "image/png", 10))
                .data().path("requestUpload").path("attachment").path("id").asText();

        Reply reply = call(handler, newTenant(), null, ENTITIES,
                Map.of("representations", List.of(Map.of("__typename", "Attachment", "id", id))));

        assertThat(reply.data().path("_entities").get(0).isNull()).isTrue();
    }

    @Test
    void aRepresentationThisSubgraphCannotResolveGetsAnErrorAtItsIndexOnly() {
        Reply reply = call(handler, newTenant(), null, ENTITIES, Map.of("representations", List.of(
                Map.of("__typename", "Comment", "id", "c1"),
                Map.of("__typename", "User", "id", "bob"),
                "not an object")));

        JsonNode entities = reply.data().path("_entities");
        assertThat(entities.get(0).isNull()).isTrue();
        assertThat(entities.get(1).path("id").asText()).isEqualTo("bob");
        assertThat(entities.get(2).isNull()).isTrue();
        assertThat(reply.body().path("errors")).extracting(error -> error.path("path").toString() + " "
                        + error.path("message").asText())
                .containsExactly(
                        "[\"_entities\",0] This subgraph resolves Todo, User and Attachment entities, not Comment",
                        "[\"_entities\",2] A representation must be an object with \"__typename\" and the key fields, not a string");
    }

    @Test
    void canAttachWithoutTheRequiredDoneSaysWhatTheRepresentationLacks() {
        Reply reply = call(handler, newTenant(), null, "query($r: [_Any!]!) { _entities(representations: $r) { ... on Todo { canAttach } } }",
                Map.of("r", List.of(Map.of("__typename", "Todo", "id", TODO_ID))));

        assertThat(reply.firstError().path("message").asText()).isEqualTo("canAttach needs the todo's done field in the"
                + " Todo representation (@requires(fields: \"done\")); send {\"__typename\": \"Todo\", \"id\": ..., \"done\": ...}");
        assertThat(reply.firstError().path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void uploadsLimitOutsideItsRangeIsRefused() {
        Reply reply = call(handler, newTenant(), null, "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { uploads(limit: 101) { id } } } }",
                Map.of("r", List.of(Map.of("__typename", "User", "id", "alice"))));

        assertThat(reply.firstError().path("message").asText()).isEqualTo("limit must be between 1 and 100, but is 101");
    }
}
