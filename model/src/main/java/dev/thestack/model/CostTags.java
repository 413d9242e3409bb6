package dev.thestack.model;

import java.util.List;

/**
 * Cost-allocation tags.
 *
 * @param required  keys every taggable resource carries
 * @param tenantTag key added where a resource belongs to exactly one tenant
 */
public record CostTags(List<String> required, String tenantTag) {
    /** The tag keys the toolkit knows how to fill from the model. */
    public static final List<String> FILLABLE = List.of("Service", "Environment", "Team", "CostCenter");

    public CostTags {
        required = List.copyOf(required);
    }

    public static CostTags defaults() {
        return new CostTags(FILLABLE, "Tenant");
    }
}
