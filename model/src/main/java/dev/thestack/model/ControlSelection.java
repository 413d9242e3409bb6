package dev.thestack.model;

import java.util.List;
import java.util.Map;

/**
 * A control the model enables on one OU.
 *
 * @param catalogId  the Control Catalog id: the catalog's own, or the one stack.yaml gives for a control whose id
 *                   the toolkit does not carry; empty for legacy controls addressed by their regional name
 * @param parameters the control's parameters (e.g. AllowedRegions); each value a list of strings or a boolean
 */
public record ControlSelection(ControlDefinition control, java.util.Optional<String> catalogId,
                               Map<String, Object> parameters) {
    public ControlSelection {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /**
     * The identifier EnabledControl takes: the global Control Catalog ARN where the id is known (AWS recommends it
     * for every use), else the legacy regional ARN, which AWS documents for the AWS-GR controls by name.
     */
    public String controlArn(String homeRegion) {
        return catalogId.map(id -> "arn:aws:controlcatalog:::control/" + id)
                .orElse("arn:aws:controltower:" + homeRegion + "::control/" + control.name());
    }

    public String name() {
        return control.name();
    }

    @SuppressWarnings("unchecked")
    public List<String> listParameter(String key) {
        return (List<String>) parameters.getOrDefault(key, List.of());
    }
}
