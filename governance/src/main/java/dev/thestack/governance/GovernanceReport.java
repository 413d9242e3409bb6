package dev.thestack.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.ControlSelection;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.ServiceControlPolicyKind;
import dev.thestack.model.StackConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What governs each OU, for an auditor: its accounts, how it is registered with Control Tower, the controls enabled
 * on it and inherited from its parents (with the wave each is deployed in), the service control policies attached
 * and inherited, how much of Organizations' SCP budget it uses, and the tag policy. Built from the model alone.
 */
public final class GovernanceReport {
    /** One OU of the report; policies are given by their stack.yaml names, controls as "NAME (behaviour, wave n)". */
    public record OuRow(String path, List<String> accounts, String registration, List<String> controls,
                        List<String> inheritedControls, List<String> attached, List<String> inherited,
                        int scpDocuments, int scpBudget, List<Integer> scpCharacters, String tagPolicy) {
    }

    /** A control the organization enables somewhere, for the legend. */
    public record ControlRow(String name, String behavior, String guidance, String meaning, String identifier) {
    }

    /** The tag policy: each key with its allowed values, and the resource types it is enforced for. */
    public record TagPolicyRow(String name, String target, java.util.Map<String, List<String>> allowedValues,
                               List<String> enforcedFor) {
    }

    private final List<OuRow> rows;
    private final String managementAccount;
    private final String landingZone;
    private final List<ControlRow> controls;
    private final TagPolicyRow tagPolicy;

    private GovernanceReport(List<OuRow> rows, String managementAccount, String landingZone, List<ControlRow> controls,
                             TagPolicyRow tagPolicy) {
        this.rows = List.copyOf(rows);
        this.managementAccount = managementAccount;
        this.landingZone = landingZone;
        this.controls = List.copyOf(controls);
        this.tagPolicy = tagPolicy;
    }

    public static GovernanceReport of(StackConfig config) {
        java.util.Map<String, java.util.Map<String, Integer>> waveOf = new java.util.HashMap<>();
        List<List<ControlPlan.Step>> waves = ControlPlan.waves(config);
        for (int i = 0; i < waves.size(); i++) {
            for (ControlPlan.Step step : waves.get(i)) {
                waveOf.computeIfAbsent(step.ou().path(), k -> new java.util.HashMap<>()).put(step.selection().name(), i + 1);
            }
        }
        String tagPolicyName = config.organization().name() + "-cost-allocation-tags (root)";
        List<OuRow> rows = new ArrayList<>();
        List<OrganizationalUnit> units = config.organizationalUnits().stream()
                .sorted(Comparator.comparing(OrganizationalUnit::path)).toList();
        for (OrganizationalUnit ou : units) {
            List<String> accounts = config.accounts().stream()
                    .filter(a -> a.ouPath().map(ou.path()::equals).orElse(false))
                    .map(a -> a.name() + " (" + a.id() + ", " + a.role().yamlName() + ")").toList();
            Set<ServiceControlPolicyKind> inherited = new LinkedHashSet<>();
            ou.parentPath().ifPresent(parent -> ancestors(config, parent).forEach(p -> inherited.addAll(p.policies())));
            List<String> inheritedControls = new ArrayList<>();
            ou.parentPath().ifPresent(parent -> ancestors(config, parent).forEach(p -> p.controls()
                    .forEach(c -> inheritedControls.add(c.name() + " (from " + p.path() + ")"))));
            List<String> enabled = ou.controls().stream().map(c -> c.name() + " (" + c.control().behavior().label()
                    + ", wave " + waveOf.get(ou.path()).get(c.name()) + ")").toList();
            List<ServiceControlPolicies.PolicyDocument> documents = ServiceControlPolicies.forUnit(config, ou);
            rows.add(new OuRow(ou.path(), accounts, registration(config, ou), enabled, inheritedControls,
                    names(ou.policies()), names(inherited), documents.size(),
                    ServiceControlPolicies.policiesLeftPerOu(config),
                    documents.stream().map(ServiceControlPolicies.PolicyDocument::characters).toList(), tagPolicyName));
        }
        String home = config.organization().homeRegion();
        List<ControlRow> legend = config.organizationalUnits().stream().flatMap(ou -> ou.controls().stream())
                .collect(Collectors.toMap(ControlSelection::name, c -> new ControlRow(c.name(),
                        c.control().behavior().label(), c.control().guidance().label(), c.control().meaning(),
                        c.controlArn(home)), (a, b) -> a, java.util.TreeMap::new))
                .values().stream().toList();
        java.util.Map<String, List<String>> allowed = new java.util.LinkedHashMap<>();
        TagPolicyDocument.keys(config).forEach(key -> allowed.put(key, config.allowedTagValues(key)));
        Account management = config.accountWithRole(AccountRole.MANAGEMENT);
        String landingZone = config.controlTower().map(t -> "Control Tower landing zone " + t.version().text()
                        + ", home region " + home + ", governed regions " + String.join(", ", config.organization().governedRegions()))
                .orElse("no Control Tower landing zone");
        return new GovernanceReport(rows, management.name() + " (" + management.id() + ")", landingZone, legend,
                new TagPolicyRow(tagPolicyName, config.organization().rootId(), allowed, config.tags().enforcedFor()));
    }

    private static String registration(StackConfig config, OrganizationalUnit ou) {
        if (config.controlTower().isEmpty()) {
            return "not governed by Control Tower";
        }
        var tower = config.controlTower().get();
        return OrganizationStructure.ownedByControlTower(config, ou)
                ? "created and registered by Control Tower " + tower.version().text()
                : "AWSControlTowerBaseline " + tower.baselineVersion();
    }

    public List<OuRow> rows() {
        return rows;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# Governance\n\n").append(landingZone).append(".\n\n")
                .append("Management account (organization root, no SCPs apply to it): ").append(managementAccount)
                .append(". Member accounts carry only FullAWSAccess (1/").append(ServiceControlPolicies.MAX_POLICIES_PER_TARGET)
                .append(" SCPs): every SCP of the toolkit is attached to an OU.\n\n")
                .append("| OU | accounts | registration | controls here | controls inherited | SCPs attached here "
                        + "| SCPs inherited | SCP budget used | tag policy |\n|---|---|---|---|---|---|---|---|---|\n");
        for (OuRow row : rows) {
            out.append("| ").append(row.path()).append(" | ").append(list(row.accounts(), "<br>"))
                    .append(" | ").append(row.registration())
                    .append(" | ").append(list(row.controls(), "<br>")).append(" | ").append(list(row.inheritedControls(), "<br>"))
                    .append(" | ").append(list(row.attached(), "<br>")).append(" | ").append(list(row.inherited(), "<br>"))
                    .append(" | ").append(budget(row)).append(" | ").append(row.tagPolicy()).append(" |\n");
        }
        if (!controls.isEmpty()) {
            out.append("\nControls (waves deploy one after the other, each within Control Tower's limit of concurrent "
                    + "control operations):\n\n| control | behaviour | guidance | meaning | identifier |\n|---|---|---|---|---|\n");
            controls.forEach(c -> out.append("| ").append(c.name()).append(" | ").append(c.behavior()).append(" | ")
                    .append(c.guidance()).append(" | ").append(c.meaning()).append(" | `").append(c.identifier()).append("` |\n"));
        }
        out.append("\nTag policy `").append(tagPolicy.name()).append("` on ").append(tagPolicy.target())
                .append(tagPolicy.enforcedFor().isEmpty() ? ", reporting only (no enforced resource types)"
                        : ", enforced for " + String.join(", ", tagPolicy.enforcedFor())).append(":\n\n");
        tagPolicy.allowedValues().forEach((key, values) -> out.append("- `").append(key).append("`: ")
                .append(String.join(", ", values)).append('\n'));
        out.append("\nSCP meanings:\n\n");
        for (ServiceControlPolicyKind kind : ServiceControlPolicyKind.values()) {
            out.append("- `").append(kind.yamlName()).append("`: ").append(kind.meaning()).append('\n');
        }
        return out.toString();
    }

    public String text() {
        StringBuilder out = new StringBuilder(landingZone + "\nmanagement account: " + managementAccount
                + " (root; SCPs do not apply)\ntag policy: " + tagPolicy.name() + (tagPolicy.enforcedFor().isEmpty()
                ? ", reporting only" : ", enforced for " + String.join(", ", tagPolicy.enforcedFor())) + "\n");
        tagPolicy.allowedValues().forEach((key, values) -> out.append("  ").append(key).append(": ")
                .append(String.join(", ", values)).append('\n'));
        for (OuRow row : rows) {
            out.append('\n').append(row.path()).append("   [SCP budget ").append(budget(row)).append("]\n");
            out.append("  accounts:  ").append(list(row.accounts(), ", ")).append('\n');
            out.append("  registration: ").append(row.registration()).append('\n');
            out.append("  controls:  ").append(list(row.controls(), ", ")).append('\n');
            out.append("  controls inherited: ").append(list(row.inheritedControls(), ", ")).append('\n');
            out.append("  SCPs attached:  ").append(list(row.attached(), ", ")).append('\n');
            out.append("  SCPs inherited: ").append(list(row.inherited(), ", ")).append('\n');
        }
        return out.toString();
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of("landingZone", landingZone,
                            "managementAccount", managementAccount, "organizationalUnits", rows, "controls", controls,
                            "tagPolicy", tagPolicy)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String budget(OuRow row) {
        return row.scpDocuments() + "/" + row.scpBudget() + (row.scpCharacters().isEmpty() ? ""
                : " (" + row.scpCharacters().stream().map(c -> c + " chars").collect(Collectors.joining(", ")) + ")");
    }

    private static String list(List<String> items, String separator) {
        return items.isEmpty() ? "—" : String.join(separator, items);
    }

    private static List<String> names(java.util.Collection<ServiceControlPolicyKind> kinds) {
        return kinds.stream().map(ServiceControlPolicyKind::yamlName).toList();
    }

    private static List<OrganizationalUnit> ancestors(StackConfig config, String path) {
        List<OrganizationalUnit> chain = new ArrayList<>();
        String current = path;
        while (current != null) {
            OrganizationalUnit ou = config.organizationalUnit(current).orElseThrow();
            chain.add(ou);
            current = ou.parentPath().orElse(null);
        }
        return chain;
    }
}
