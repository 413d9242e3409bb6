package dev.thestack.services.graphql;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the subgraphs get the ids of the entities they create (todos, attachments): random UUIDs in production.
 * Tests that compare two routers on the same running subgraphs give each router its own tenant and need both to
 * see the same ids, so the sequence can also be counted per tenant.
 */
@FunctionalInterface
public interface EntityIds {
    /** A new lower-case UUID for an entity of this tenant. */
    String next(TenantId tenant);

    static EntityIds randomUuids() {
        return tenant -> UUID.randomUUID().toString();
    }

    /** 00000000-0000-4000-8000-000000000001, …02, … counted separately for every tenant. */
    static EntityIds sequentialPerTenant() {
        Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
        return tenant -> new UUID(0x0000_0000_0000_4000L,
                0x8000_0000_0000_0000L | counters.computeIfAbsent(tenant.value(), t -> new AtomicLong()).incrementAndGet())
                .toString();
    }
}
