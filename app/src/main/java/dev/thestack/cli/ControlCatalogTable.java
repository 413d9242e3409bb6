package dev.thestack.cli;

import dev.thestack.model.ControlCatalog;
import dev.thestack.model.ControlDefinition;
import dev.thestack.model.ControlGuidance;

/** The control catalog as a table: what `./stack controls` prints. */
final class ControlCatalogTable {
    private ControlCatalogTable() {
    }

    static String render(boolean markdown) {
        StringBuilder out = new StringBuilder();
        if (markdown) {
            out.append("| control | behaviour | guidance | identifier | parameters | security OU (3.3) | meaning |\n"
                    + "|---|---|---|---|---|---|---|\n");
        }
        for (ControlDefinition control : ControlCatalog.all()) {
            String identifier = identifier(control);
            String parameters = control.parameters().isEmpty() ? "—" : String.join(", ", control.parameters());
            String securityOu = control.guidance() == ControlGuidance.MANDATORY ? "applied by Control Tower"
                    : control.allowedInSecurityOu() ? "allowed" : "not allowed";
            if (markdown) {
                out.append("| ").append(control.name()).append(" | ").append(control.behavior().label()).append(" | ")
                        .append(control.guidance().label()).append(" | ").append(identifier).append(" | ")
                        .append(parameters).append(" | ").append(securityOu).append(" | ").append(control.meaning()).append(" |\n");
            } else {
                out.append(String.format("%-66s %-10s %-20s %s%n    %s; parameters: %s; 3.3 security OU: %s%n",
                        control.name(), control.behavior().label(), control.guidance().label(), identifier,
                        control.meaning(), parameters, securityOu));
            }
        }
        out.append(markdown ? "\n" : "").append("Mandatory controls are applied by Control Tower itself: stack.yaml may not "
                + "list them. " + ControlCatalog.LANDING_ZONE_REGION_DENY + " (the landing zone's region deny) is set in the "
                + "Control Tower console only; " + ControlCatalog.REGION_DENY + " is the OU region deny stack.yaml can enable. "
                + "A control whose identifier reads 'give catalogId' needs catalogId: in stack.yaml.\n");
        return out.toString();
    }

    private static String identifier(ControlDefinition control) {
        if (control.guidance() == ControlGuidance.MANDATORY) {
            return "(applied by Control Tower)";
        }
        return control.globalId().map(id -> "controlcatalog " + id)
                .orElse(control.addressableByName() ? "regional by name" : "give catalogId");
    }
}
