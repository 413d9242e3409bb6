package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserIdTest {
    @Test
    void headerNameIsMatchedInAnyCaseAndTrimmed() {
        assertThat(UserId.fromHeaders(headers(Map.of("X-User-Id", " user-1 "))).value()).isEqualTo("user-1");
        assertThat(UserId.optionalFromHeaders(headers(Map.of("X-USER-ID", "u@example.com")))).contains(new UserId("u@example.com"));
    }

    @Test
    void missingHeaderIsRefusedWhereRequiredAndEmptyWhereOptional() {
        assertThatThrownBy(() -> UserId.fromHeaders(headers(Map.of("x-tenant-id", "acme"))))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Header x-user-id is required; it names the user");
        assertThat(UserId.optionalFromHeaders(new RequestHeaders(null, null))).isEmpty();
    }

    @Test
    void blankOrMalformedHeaderIsRefusedEvenWhereOptional() {
        assertThatThrownBy(() -> UserId.optionalFromHeaders(headers(Map.of("x-user-id", " "))))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Header x-user-id is blank; it must name the user");
        assertThatThrownBy(() -> UserId.optionalFromHeaders(headers(Map.of("x-user-id", "a b"))))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Header x-user-id must be 1 to 128");
        assertThatThrownBy(() -> new UserId("u".repeat(129))).isInstanceOf(RejectedRequestException.class);
        assertThatThrownBy(() -> UserId.fromHeaders(headers(Map.of("x-user-id", "a", "X-User-Id", "b"))))
                .hasMessage("Header x-user-id is given twice with different values; send it once");
    }

    private static RequestHeaders headers(Map<String, String> single) {
        return new RequestHeaders(single, null);
    }
}
