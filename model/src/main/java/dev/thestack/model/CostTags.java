package dev.thestack.model;

import java.util.List;
import java.util.Map;

/**
 * Cost-allocation tags.
 *
 * @param required      keys every taggable resource carries
 * @param tenantTag     key added where a resource belongs to exactly one tenant
 * @param allowedValues values a key may take, where stack.yaml pins them (e.g. cost centres finance hands out);
 *                      keys not listed take the values the model uses
 * @param enforcedFor   resource types ({@code service:type} or {@code service:*}) for which the tag policy refuses
 *                      non-compliant tagging instead of only reporting it
 */
public record CostTags(List<String> required, String tenantTag, Map<String, List<String>> allowedValues,
                       List<String> enforcedFor) {
    /** The tag keys the toolkit knows how to fill from the model. */
    public static final List<String> FILLABLE = List.of("Service", "Environment", "Team", "CostCenter");
    /** The Service tag of resources that belong to the platform rather than to one service. */
    public static final String PLATFORM_SERVICE = "platform";
    /** The Environment tag of accounts that run no environment (management, logs, audit, monitoring). */
    public static final String SHARED_ENVIRONMENT = "shared";

    public CostTags {
        required = List.copyOf(required);
        allowedValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(allowedValues));
        enforcedFor = List.copyOf(enforcedFor);
    }

    public static CostTags defaults() {
        return new CostTags(FILLABLE, "Tenant", Map.of(), List.of());
    }
}
