package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantIdTest {
    @Test
    void headerNameIsMatchedInAnyCase() {
        assertThat(tenantOf(Map.of("X-Tenant-Id", "acme")).value()).isEqualTo("acme");
        assertThat(tenantOf(Map.of("X-TENANT-ID", " acme ")).value()).isEqualTo("acme");
    }

    @Test
    void missingHeaderIsRefusedInsteadOfFallingBackToASharedTenant() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("x-tenant-id", null);

        for (RequestHeaders headers : List.of(new RequestHeaders(null, null),
                new RequestHeaders(Map.of("accept", "application/json"), null),
                new RequestHeaders(nullValue, null))) {
            assertThatThrownBy(() -> TenantId.fromHeaders(headers))
                    .isInstanceOf(RejectedRequestException.class)
                    .hasMessage("Header x-tenant-id is required; it names the tenant");
        }
        assertThatThrownBy(() -> tenantOf(Map.of("x-tenant-id", "  ")))
                .hasMessage("Header x-tenant-id is blank; it must name the tenant");
    }

    @Test
    void headerGivenTwiceIsRefusedUnlessBothSayTheSame() {
        assertThatThrownBy(() -> tenantOf(Map.of("x-tenant-id", "acme", "X-Tenant-Id", "other")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("Header x-tenant-id is given twice with different values; send it once");
        assertThatThrownBy(() -> TenantId.fromHeaders(new RequestHeaders(
                Map.of("x-tenant-id", "other"), Map.of("x-tenant-id", List.of("acme", "other")))))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> tenantOf(Map.of("x-tenant-id", "acme", "X-Tenant-Id", "")))
                .hasMessageContaining("given twice");

        assertThat(tenantOf(Map.of("x-tenant-id", "acme", "X-Tenant-Id", "acme ")).value()).isEqualTo("acme");
        // API Gateway fills both maps with the same header
        assertThat(TenantId.fromHeaders(new RequestHeaders(
                Map.of("X-Tenant-Id", "acme"), Map.of("X-Tenant-Id", List.of("acme")))).value()).isEqualTo("acme");
    }

    @Test
    void nullHeaderNamesAndValuesMatchNothing() {
        Map<String, String> single = new HashMap<>();
        single.put(null, "acme");
        single.put("x-tenant-id", "acme");
        Map<String, List<String>> multi = new HashMap<>();
        multi.put(null, List.of("other"));
        multi.put("X-Tenant-Id", null);

        assertThat(TenantId.fromHeaders(new RequestHeaders(single, multi)).value()).isEqualTo("acme");
    }

    @Test
    void tenantWithOtherCharactersOrTooLongIsRefused() {
        assertThatThrownBy(() -> tenantOf(Map.of("x-tenant-id", "a/b")))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageStartingWith("Header x-tenant-id must be 1 to 128");
        assertThatThrownBy(() -> new TenantId("t".repeat(129))).isInstanceOf(RejectedRequestException.class);
        assertThat(new TenantId("t".repeat(128)).value()).hasSize(128);
    }

    private static TenantId tenantOf(Map<String, String> headers) {
        return TenantId.fromHeaders(new RequestHeaders(headers, null));
    }
}
