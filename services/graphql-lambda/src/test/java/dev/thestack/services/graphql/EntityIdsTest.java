package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntityIdsTest {
    @Test
    void sequentialIdsAreCountedPerTenantAndAreVersion4Uuids() {
        EntityIds ids = EntityIds.sequentialPerTenant();
        TenantId a = new TenantId("a");
        TenantId b = new TenantId("b");

        String first = ids.next(a);
        assertThat(first).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(ids.next(a)).isEqualTo("00000000-0000-4000-8000-000000000002");
        assertThat(ids.next(b)).isEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
        assertThat(UUID.fromString(first).variant()).isEqualTo(2);
    }

    @Test
    void randomIdsAreLowerCaseUuidsThatDoNotRepeat() {
        EntityIds ids = EntityIds.randomUuids();
        TenantId tenant = new TenantId("a");
        String one = ids.next(tenant);
        assertThat(one).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(ids.next(tenant)).isNotEqualTo(one);
    }
}
