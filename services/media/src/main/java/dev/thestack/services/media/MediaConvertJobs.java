package dev.thestack.services.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * MediaConvert's CreateJob ({@code POST /2017-08-29/jobs}, REST-JSON, SigV4 as service {@value #SIGNING_NAME}),
 * made with the AWS SDK's HTTP client and signer: the SDK's MediaConvert module is not served by the Maven
 * registry here, so this is the one call the service needs, in the wire format that module would send.
 *
 * <p>The endpoint is the region's ({@code https://mediaconvert.<region>.amazonaws.com}), which MediaConvert has
 * accepted since 2024 without asking DescribeEndpoints for an account-specific one first.
 */
public final class MediaConvertJobs {
    public static final String CREATE_JOB_PATH = "/2017-08-29/jobs";
    static final String SIGNING_NAME = "mediaconvert";
    private static final String JSON = "application/json";

    private final SdkHttpClient http;
    private final URI endpoint;
    private final Region region;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final String roleArn;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param endpoint null for the region's endpoint
     * @param roleArn  the role MediaConvert assumes to read the original and write the transcode
     */
    public MediaConvertJobs(SdkHttpClient http, URI endpoint, Region region,
                            IdentityProvider<? extends AwsCredentialsIdentity> credentials, String roleArn) {
        this.http = http;
        this.endpoint = endpoint != null ? endpoint : URI.create("https://mediaconvert." + region.id() + ".amazonaws.com");
        this.region = region;
        this.credentials = credentials;
        this.roleArn = roleArn;
    }

    /** Refused by MediaConvert, or not answered in its format; the message is for the logs, not for clients. */
    public static final class CreateJobException extends RuntimeException {
        CreateJobException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Submits an HLS transcode of the original into the destination folder.
     *
     * @param clientRequestToken MediaConvert starts one job per token: a retried completeUpload does not start a second
     * @param userMetadata       copied onto the job and its completion events, so they can be traced back
     */
    public Attachment.Transcode createHlsJob(String inputUrl, String destinationUrl, Map<String, String> userMetadata,
                                             String clientRequestToken) {
        ObjectNode body = json.createObjectNode()
                .put("role", roleArn)
                .put("clientRequestToken", clientRequestToken);
        body.set("settings", HlsJobSettings.of(inputUrl, destinationUrl));
        ObjectNode metadata = body.putObject("userMetadata");
        userMetadata.forEach(metadata::put);
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);

        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve(CREATE_JOB_PATH))
                .putHeader("Content-Type", JSON)
                .putHeader("Accept", JSON)
                .putHeader("Content-Length", Integer.toString(payload.length))
                .build();
        SignedRequest signed = signer.sign(sign -> sign
                .identity(credentials.resolveIdentity().join())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElseThrow())
                    .build()).call();
            JsonNode answer = read(response);
            int status = response.httpResponse().statusCode();
            if (status != 201 && status != 200) {
                throw new CreateJobException("MediaConvert refused CreateJob with HTTP " + status + ": "
                        + answer.path("message").asText(answer.toString()), null);
            }
            JsonNode job = answer.path("job");
            if (!job.path("id").isTextual() || !job.path("status").isTextual()) {
                throw new CreateJobException("MediaConvert answered CreateJob without job.id and job.status: " + answer, null);
            }
            return new Attachment.Transcode(job.get("id").asText(), job.get("status").asText());
        } catch (IOException e) {
            throw new CreateJobException("CreateJob at " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    private JsonNode read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return json.createObjectNode();
        }
        try (InputStream body = response.responseBody().get()) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        }
    }
}
