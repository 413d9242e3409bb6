package dev.thestack.services.awslocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * S3's check of presigned URLs, in front of s3rver (which takes any SigV4 signature without computing it): a
 * request signed in the query string is signed again, at its own X-Amz-Date, over what actually arrived (method,
 * path, the headers it names in X-Amz-SignedHeaders with the values it carries) and refused with S3's 403
 * {@code SignatureDoesNotMatch} unless the signatures agree. Expiry s3rver checks itself. Everything else is
 * passed to s3rver as it came.
 */
final class SigV4CheckingProxy implements AutoCloseable {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC);
    private static final Set<String> AUTH_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");
    // the JDK's client sets these itself and refuses to be given them
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI s3rver;
    private final HttpClient forward = HttpClient.newHttpClient();
    private final HttpServer server;

    SigV4CheckingProxy(URI s3rver) throws IOException {
        this.s3rver = s3rver;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (query.containsKey("X-Amz-Signature")) {
                String refusal = refusal(exchange, query);
                if (refusal != null) {
                    byte[] error = refusal.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(403, error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(s3rver.resolve(exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            answer.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] content;
            try (InputStream stream = answer.body()) {
                content = stream.readAllBytes();
            }
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || answer.statusCode() == 204 || answer.statusCode() == 304;
            String length = answer.headers().firstValue("content-length").orElse(Integer.toString(content.length));
            if (noBody) {
                exchange.getResponseHeaders().set("Content-Length", length);
            }
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : content.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to s3rver", e);
        }
    }

    /** Why S3 would refuse the presigned request's signature, as S3's XML error; null when it would take it. */
    private static String refusal(HttpExchange exchange, Map<String, String> query) {
        Instant signedAt = AMZ_DATE.parse(query.get("X-Amz-Date"), Instant::from);
        Duration validity = Duration.ofSeconds(Long.parseLong(query.get("X-Amz-Expires")));
        String[] credential = query.get("X-Amz-Credential").split("/");
        SdkHttpRequest.Builder received = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
                .protocol("http")
                .host(exchange.getRequestHeaders().getFirst("Host").split(":")[0])
                .port(exchange.getLocalAddress().getPort())
                .encodedPath(exchange.getRequestURI().getRawPath());
        query.forEach((name, value) -> {
            if (!AUTH_PARAMETERS.contains(name)) {
                received.putRawQueryParameter(name, value);
            }
        });
        for (String header : query.get("X-Amz-SignedHeaders").split(";")) {
            if (header.equals("host")) {
                continue;
            }
            List<String> values = exchange.getRequestHeaders().get(header);
            if (values == null) {
                return error("SignatureDoesNotMatch", "signed header " + header + " is missing");
            }
            received.putHeader(header, values);
        }
        SdkHttpRequest resigned = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(S3rverExtension.CREDENTIALS.resolveCredentials())
                .request(received.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, credential[3])
                .putProperty(AwsV4HttpSigner.REGION_NAME, credential[2])
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))).request();
        String expected = resigned.firstMatchingRawQueryParameter("X-Amz-Signature").orElseThrow();
        return expected.equals(query.get("X-Amz-Signature"))
                ? null
                : error("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null) {
            Arrays.stream(rawQuery.split("&")).filter(pair -> !pair.isEmpty()).forEach(pair -> {
                String[] nameValue = pair.split("=", 2);
                parameters.put(decode(nameValue[0]), nameValue.length == 2 ? decode(nameValue[1]) : "");
            });
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("malformed query: " + text, e));
        }
    }
}
