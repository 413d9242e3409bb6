package dev.thestack.services.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantIdTest {
    @Test
    void headerNameIsMatchedInAnyCase() {
        assertThat(TenantId.fromHeaders(Map.of("X-Tenant-Id", "acme")).value()).isEqualTo("acme");
        assertThat(TenantId.fromHeaders(Map.of("X-TENANT-ID", " acme ")).value()).isEqualTo("acme");
    }

    @Test
    void noHeadersNoHeaderOrBlankHeaderMeanTheDefaultTenant() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("x-tenant-id", null);

        assertThat(TenantId.fromHeaders(null)).isEqualTo(TenantId.DEFAULT);
        assertThat(TenantId.fromHeaders(Map.of("accept", "application/json"))).isEqualTo(TenantId.DEFAULT);
        assertThat(TenantId.fromHeaders(Map.of("x-tenant-id", "  "))).isEqualTo(TenantId.DEFAULT);
        assertThat(TenantId.fromHeaders(nullValue)).isEqualTo(TenantId.DEFAULT);
        assertThat(TenantId.DEFAULT.value()).isEqualTo("default");
    }

    @Test
    void tenantWithOtherCharactersOrTooLongIsRefused() {
        assertThatThrownBy(() -> TenantId.fromHeaders(Map.of("x-tenant-id", "a/b")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Header x-tenant-id must be 1 to 128");
        assertThatThrownBy(() -> new TenantId("t".repeat(129))).isInstanceOf(BadRequestException.class);
        assertThat(new TenantId("t".repeat(128)).value()).hasSize(128);
    }
}
