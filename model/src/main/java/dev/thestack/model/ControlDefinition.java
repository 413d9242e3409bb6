package dev.thestack.model;

import java.util.List;
import java.util.Optional;

/**
 * One Control Tower control as the toolkit knows it.
 *
 * @param name                 the control's name in Control Tower's documentation (AWS-GR_... or CT.SERVICE.XX.n)
 * @param globalId             its Control Catalog id, where a public AWS source gave it; empty otherwise
 * @param parameters           parameter keys the control accepts
 * @param allowedInSecurityOu  whether Control Tower 3.x lets it be enabled on the security OU (it restricts that OU
 *                             to Config-rule controls and a short list of SCPs; 4.0 lifts the restriction)
 */
public record ControlDefinition(String name, Optional<String> globalId, ControlBehavior behavior,
                                ControlGuidance guidance, String meaning, List<String> parameters,
                                boolean allowedInSecurityOu) {
    public ControlDefinition {
        parameters = List.copyOf(parameters);
    }

    /** AWS documents a regional ARN with the name in it for the legacy AWS-GR controls, not for the CT.* ones. */
    public boolean addressableByName() {
        return name.startsWith("AWS-GR_");
    }

    public boolean isProactive() {
        return behavior == ControlBehavior.PROACTIVE;
    }
}
