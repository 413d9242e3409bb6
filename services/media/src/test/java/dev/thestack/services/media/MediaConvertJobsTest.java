package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import dev.thestack.services.awslocal.MediaConvertExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class MediaConvertJobsTest {
    private static final String ROLE = "arn:aws:iam::111111111111:role/media-transcode";

    @RegisterExtension
    static final MediaConvertExtension MEDIACONVERT = new MediaConvertExtension();

    private final MediaConvertJobs jobs = new MediaConvertJobs(UrlConnectionHttpClient.create(), MEDIACONVERT.endpoint(),
            Region.EU_WEST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), ROLE);

    @Test
    void createJobSendsTheRoleTheHlsSettingsAndTheMetadataSignedForMediaConvert() {
        Attachment.Transcode transcode = jobs.createHlsJob("s3://bucket/tenants/acme/attachments/a1/original",
                "s3://bucket/tenants/acme/attachments/a1/hls/", Map.of("tenant", "acme", "attachment", "a1"), "a1");

        assertThat(transcode.status()).isEqualTo("SUBMITTED");
        assertThat(transcode.jobId()).startsWith("1764838000000-job");
        MediaConvertExtension.Received request = MEDIACONVERT.received().stream()
                .filter(received -> received.body().path("clientRequestToken").asText().equals("a1")).findFirst().orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2017-08-29/jobs");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization"))
                .matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/mediaconvert/aws4_request,"
                        + " SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        JsonNode body = request.body();
        assertThat(body.path("role").asText()).isEqualTo(ROLE);
        assertThat(body.path("userMetadata").path("tenant").asText()).isEqualTo("acme");
        assertThat(body.path("userMetadata").path("attachment").asText()).isEqualTo("a1");
        JsonNode settings = body.path("settings");
        assertThat(settings.path("inputs").get(0).path("fileInput").asText())
                .isEqualTo("s3://bucket/tenants/acme/attachments/a1/original");
        JsonNode group = settings.path("outputGroups").get(0);
        assertThat(group.path("outputGroupSettings").path("type").asText()).isEqualTo("HLS_GROUP_SETTINGS");
        assertThat(group.path("outputGroupSettings").path("hlsGroupSettings").path("destination").asText())
                .isEqualTo("s3://bucket/tenants/acme/attachments/a1/hls/");
        assertThat(group.path("outputs")).extracting(output -> output.path("videoDescription").path("height").asInt())
                .containsExactly(720, 360);
        assertThat(group.path("outputs").get(0).path("containerSettings").path("container").asText()).isEqualTo("M3U8");
        assertThat(group.path("outputs").get(0).path("videoDescription").path("codecSettings").path("codec").asText())
                .isEqualTo("H_264");
    }

    @Test
    void aRetryWithTheSameTokenIsTheSameJob() {
        Attachment.Transcode first = jobs.createHlsJob("s3://b/in", "s3://b/out/", Map.of(), "retried");
        Attachment.Transcode second = jobs.createHlsJob("s3://b/in", "s3://b/out/", Map.of(), "retried");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aRefusalCarriesMediaConvertsMessage() {
        MEDIACONVERT.refuseNext("Role arn:aws:iam::1:role/x is not authorized");

        assertThatThrownBy(() -> jobs.createHlsJob("s3://b/in", "s3://b/out/", Map.of(), "refused"))
                .isInstanceOf(MediaConvertJobs.CreateJobException.class)
                .hasMessage("MediaConvert refused CreateJob with HTTP 400: Role arn:aws:iam::1:role/x is not authorized");
    }
}
