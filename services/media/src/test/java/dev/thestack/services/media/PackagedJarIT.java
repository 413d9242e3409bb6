package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.LambdaFunctionProcess;
import dev.thestack.services.awslocal.LambdaRuntimeApi;
import dev.thestack.services.awslocal.MediaConvertExtension;
import dev.thestack.services.awslocal.S3rverExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable jar on its own, run by Lambda's runtime interface client with only the variables Lambda and the
 * construct set: proves the shaded jar is complete (the WebP reader, log4j's merged plugin cache, the SDL) and
 * that the handler's own constructor finds its table, bucket and MediaConvert from the environment.
 */
class PackagedJarIT {
    private static final String TABLE = "attachments";
    private static final String BUCKET = "media";
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(MediaTables.attachmentsTable(TABLE));
    @RegisterExtension
    static final S3rverExtension S3 = S3rverExtension.withBuckets(BUCKET);
    @RegisterExtension
    static final MediaConvertExtension MEDIACONVERT = new MediaConvertExtension();

    @Test
    void jarHoldsTheHandlerItsSdlAndTheWebPReaderAndLeavesOutUnusedLibraries() throws IOException {
        try (JarFile jar = new JarFile(lambdaJar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            assertThat(jar.getEntry("dev/thestack/services/media/MediaHandler.class")).isNotNull();
            assertThat(jar.getEntry("media.graphqls")).isNotNull();
            assertThat(jar.getEntry("com/twelvemonkeys/imageio/plugins/webp/WebPImageReaderSpi.class")).isNotNull();
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.startsWith("io/netty/"))
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/http/apache"))
                    .noneMatch(name -> name.startsWith("com/google/protobuf/"))
                    .noneMatch(name -> name.startsWith("org/junit/"))
                    .noneMatch(name -> name.startsWith("dev/thestack/services/awslocal/"));
        }
    }

    @Test
    void theRuntimeRunsTheHandlerFromItsEnvironmentAndLogsJson(@TempDir Path workDir) throws Exception {
        Path taskRoot = LambdaFunctionProcess.unpack(lambdaJar(), workDir.resolve("task"));
        try (LambdaRuntimeApi api = new LambdaRuntimeApi()) {
            String requestId = api.invoke(MediaCalls.JSON.writeValueAsString(MediaCalls.post("jar-tenant", "jar-user",
                    MediaHandlerTest.REQUEST_UPLOAD, MediaHandlerTest.upload("from-the-jar.png", "image/png", 10))), null);
            api.start();
            try (LambdaFunctionProcess function = LambdaFunctionProcess.builder()
                    .taskRoot(taskRoot)
                    .handler(MediaHandler.class.getName() + "::handleRequest")
                    .environment(Map.of(
                            // s3rver knows this key pair only; dynalite and the MediaConvert stand-in take any
                            "AWS_ACCESS_KEY_ID", "S3RVER",
                            "AWS_SECRET_ACCESS_KEY", "S3RVER",
                            MediaHandler.ENV_TABLE_NAME, TABLE,
                            MediaHandler.ENV_BUCKET, BUCKET,
                            MediaHandler.ENV_TRANSCODE_ROLE_ARN, "arn:aws:iam::111111111111:role/media-transcode",
                            MediaHandler.ENV_MEDIACONVERT_ENDPOINT, MEDIACONVERT.endpoint().toString(),
                            AwsClients.ENV_ENDPOINT, S3.endpoint().toString(),
                            AwsClients.ENV_DYNAMODB_ENDPOINT, DYNALITE.endpoint().toString(),
                            "AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR"))
                    .start(api)) {
                LambdaRuntimeApi.Answer answer = api.awaitAnswer(requestId, INVOCATION_TIMEOUT)
                        .orElseThrow(() -> new AssertionError("no answer; the function printed:\n" + function.output()));

                assertThat(answer.error()).as(answer.body()).isFalse();
                JsonNode response = MediaCalls.JSON.readTree(answer.body());
                assertThat(response.path("statusCode").asInt()).as(answer.body()).isEqualTo(200);
                JsonNode ticket = MediaCalls.JSON.readTree(response.path("body").asText()).path("data").path("requestUpload");
                assertThat(ticket.path("attachment").path("fileName").asText()).isEqualTo("from-the-jar.png");
                assertThat(ticket.path("uploadUrl").asText()).startsWith(S3.endpoint() + "/" + BUCKET + "/tenants/jar-tenant/attachments/");
                assertThat(function.output()).contains("\"loggerName\":\"" + MediaHandler.class.getName() + "\"")
                        .doesNotContain("StatusLogger");
            }
        }
    }

    private static Path lambdaJar() {
        return Paths.get(System.getProperty("media.lambdaJar"));
    }
}
