package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequirementsTest {
    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", "application/json;"})
    void jsonPostPasses(String contentType) {
        assertThatCode(() -> HttpRequirements.check("POST", headers("content-type", contentType)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE", "PUT", "OPTIONS", "post", ""})
    void otherMethodsAreRefusedWith405AndAllow(String method) {
        RejectedRequestException rejected = rejection(method, headers("Content-Type", "application/json"));

        assertThat(rejected.statusCode()).isEqualTo(405);
        assertThat(rejected.headers()).isEqualTo(Map.of("Allow", "POST"));
        assertThat(rejected).hasMessage("HTTP method " + method + " is not allowed; send GraphQL requests as POST");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text/plain                        | Content-Type text/plain is not supported",
            "application/x-www-form-urlencoded | Content-Type application/x-www-form-urlencoded is not supported",
            "application/jsonp                 | Content-Type application/jsonp is not supported",
            "application/json; charset=latin1  | Content-Type parameter charset=latin1 is not supported",
            "application/json; boundary=x      | Content-Type parameter boundary=x is not supported",
    })
    void otherContentTypesAreRefusedWith415(String contentType, String problem) {
        RejectedRequestException rejected = rejection("POST", headers("Content-Type", contentType));

        assertThat(rejected.statusCode()).isEqualTo(415);
        assertThat(rejected).hasMessage(problem + "; send the body as application/json (charset utf-8)");
    }

    @Test
    void missingContentTypeIsRefusedThroughApiGateway() {
        RejectedRequestException rejected = rejection("POST", new RequestHeaders(null, null));

        assertThat(rejected.statusCode()).isEqualTo(415);
        assertThat(rejected).hasMessage("Header Content-Type is missing; send the body as application/json (charset utf-8)");
    }

    @Test
    void directInvokeNeedsNoMethodAndNoContentType() {
        assertThatCode(() -> HttpRequirements.check(null, new RequestHeaders(null, null))).doesNotThrowAnyException();
        assertThatCode(() -> HttpRequirements.check(null, headers("Content-Type", "application/json")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "  "})
    void directInvokeWithAContentTypeStillNeedsJson(String contentType) {
        assertThat(rejection(null, headers("Content-Type", contentType)).statusCode()).isEqualTo(415);
    }

    private static RejectedRequestException rejection(String method, RequestHeaders headers) {
        RejectedRequestException rejected = catchThrowableOfType(RejectedRequestException.class,
                () -> HttpRequirements.check(method, headers));
        assertThat(rejected).as("rejection of %s %s", method, headers).isNotNull();
        return rejected;
    }

    private static RequestHeaders headers(String name, String value) {
        return new RequestHeaders(Map.of(name, value), null);
    }
}
