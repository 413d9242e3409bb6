package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.S3rverExtension;
import dev.thestack.services.awslocal.StandardOutput;
import dev.thestack.services.graphql.EntityIds;
import dev.thestack.services.graphql.GraphQLHttpResponse;
import dev.thestack.services.graphql.GraphQLRequestParser;
import dev.thestack.services.graphql.TenantId;
import dev.thestack.services.instrumentation.ServiceMetrics;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The SnapStart priming request reads through the real entity path against dynalite and leaves no trace. */
class MediaPrimingTest {
    private static final String TABLE = "attachments";
    private static final String BUCKET = "media";

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(MediaTables.attachmentsTable(TABLE));
    @RegisterExtension
    static final S3rverExtension S3 = S3rverExtension.withBuckets(BUCKET);

    @Test
    void primingResolvesATodoEntityWithoutWritingOrEmittingMetrics() {
        AttachmentRepository repository = new AttachmentRepository(DYNALITE.client(), TABLE);
        // on the very todo the priming operation asks about, but of another tenant
        Attachment existing = Attachment.awaitingUpload(UUID.randomUUID().toString(),
                new UploadRequest("00000000-0000-4000-8000-000000000000", "kept.png", MediaType.PNG, 10), "alice",
                "2026-12-04T09:00:00.000Z");
        repository.create(new TenantId("another-tenant"), existing);
        MediaPriming priming = primingOver(TABLE);

        StandardOutput.Captured<GraphQLHttpResponse> primed = StandardOutput.capture(priming::prime);

        assertThat(primed.result().statusCode()).isEqualTo(200);
        assertThat(primed.result().body()).isEqualTo(Map.of("data", Map.of("_entities",
                List.of(Map.of("canAttach", true, "attachments", List.of())))));
        assertThat(primed.lines()).noneMatch(line -> line.contains("\"_aws\""));
        assertThat(DYNALITE.client().scan(scan -> scan.tableName(TABLE)).items())
                .singleElement()
                .satisfies(item -> assertThat(item.get(AttachmentRepository.ATTACHMENT_ID).s()).isEqualTo(existing.id()));
        assertThat(S3.client().listObjectsV2(list -> list.bucket(BUCKET)).contents()).isEmpty();
    }

    @Test
    void aFailingPrimingRequestStillLetsTheSnapshotBeTaken() {
        MediaPriming priming = primingOver("no-such-table");

        assertThat(priming.prime().hasServerErrors()).isTrue();
        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    }

    private static MediaPriming primingOver(String table) {
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        MediaSubgraph subgraph = new MediaSubgraph(new AttachmentRepository(DYNALITE.client(), table),
                new MediaStore(LocalClients.s3(S3), BUCKET, clock),
                // never called: the priming operation transcodes nothing
                new MediaConvertJobs(UrlConnectionHttpClient.create(), URI.create("http://127.0.0.1:9"),
                        Region.EU_WEST_1, S3rverExtension.CREDENTIALS, "arn:aws:iam::1:role/unused"),
                EntityIds.randomUuids(), clock, new ServiceMetrics("media", "test"));
        return new MediaPriming(subgraph, new GraphQLRequestParser(json), json);
    }
}
