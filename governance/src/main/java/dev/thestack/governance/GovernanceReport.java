package dev.thestack.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thestack.model.AccountRole;
import dev.thestack.model.ControlSelection;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.ServiceControlPolicyKind;
import dev.thestack.model.StackConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What governs each OU, for an auditor: its accounts, how it is registered with Control Tower, the controls enabled
 * on it and inherited from its parents (with the wave each is deployed in), the service control policies attached
 * and inherited, how much of Organizations' SCP budget it uses, and the tag policy. Built from the model alone;
 * OUs in tree order (each followed by its children), as they are created and registered.
 */
public final class GovernanceReport {
    public record AccountEntry(String name, String id, String role) {
        String label() {
            return name + " (" + id + ", " + role + ")";
        }
    }

    public record LandingZoneEntry(String version, String homeRegion, List<String> governedRegions) {
    }

    /** A control on an OU: where it is enabled ({@code from} is the OU itself or the ancestor it is inherited from). */
    public record ControlEntry(String name, String behavior, int wave, String from) {
    }

    public record OuRow(String path, List<AccountEntry> accounts, String registration, List<ControlEntry> controls,
                        List<ControlEntry> inheritedControls, List<String> attached, List<String> inherited,
                        int scpDocuments, int scpBudget, List<Integer> scpCharacters, String tagPolicy) {
    }

    /** A control the organization enables somewhere, for the legend. */
    public record ControlRow(String name, String behavior, String guidance, String meaning, String identifier) {
    }

    /** The tag policy: each key with its allowed values, and the resource types it is enforced for. */
    public record TagPolicyRow(String name, String target, Map<String, List<String>> allowedValues,
                               List<String> enforcedFor) {
    }

    /** The JSON form; {@code landingZone} is null without one. */
    public record Report(LandingZoneEntry landingZone, AccountEntry managementAccount, List<OuRow> organizationalUnits,
                         List<ControlRow> controls, TagPolicyRow tagPolicy) {
    }

    private final Report report;

    private GovernanceReport(Report report) {
        this.report = report;
    }

    public static GovernanceReport of(StackConfig config) {
        Map<String, Map<String, Integer>> waveOf = new HashMap<>();
        List<List<ControlPlan.Step>> waves = ControlPlan.waves(config);
        for (int i = 0; i < waves.size(); i++) {
            for (ControlPlan.Step step : waves.get(i)) {
                waveOf.computeIfAbsent(step.ou().path(), k -> new HashMap<>()).put(step.selection().name(), i + 1);
            }
        }
        Function<OrganizationalUnit, List<ControlEntry>> controlsOf = ou -> ou.controls().stream()
                .map(c -> new ControlEntry(c.name(), c.control().behavior().label(), waveOf.get(ou.path()).get(c.name()), ou.path()))
                .toList();
        String tagPolicyName = config.organization().name() + "-cost-allocation-tags";
        List<OuRow> rows = new ArrayList<>();
        for (OrganizationalUnit ou : OrganizationStructure.treeOrder(config.organizationalUnits())) {
            List<AccountEntry> accounts = config.accounts().stream()
                    .filter(a -> a.ouPath().map(ou.path()::equals).orElse(false))
                    .map(a -> new AccountEntry(a.name(), a.id(), a.role().yamlName())).toList();
            List<OrganizationalUnit> ancestors = ou.parentPath().map(parent -> ancestors(config, parent)).orElse(List.of());
            Set<ServiceControlPolicyKind> inherited = new LinkedHashSet<>();
            List<ControlEntry> inheritedControls = new ArrayList<>();
            ancestors.forEach(parent -> {
                inherited.addAll(parent.policies());
                inheritedControls.addAll(controlsOf.apply(parent));
            });
            List<ServiceControlPolicies.PolicyDocument> documents = ServiceControlPolicies.forUnit(config, ou);
            rows.add(new OuRow(ou.path(), accounts, registration(config, ou), controlsOf.apply(ou), inheritedControls,
                    names(ou.policies()), names(inherited), documents.size(),
                    ServiceControlPolicies.policiesLeftPerOu(config),
                    documents.stream().map(ServiceControlPolicies.PolicyDocument::characters).toList(),
                    tagPolicyName + " (root)"));
        }
        String home = config.organization().homeRegion();
        List<ControlRow> legend = config.organizationalUnits().stream().flatMap(ou -> ou.controls().stream())
                .collect(Collectors.toMap(ControlSelection::name, c -> new ControlRow(c.name(),
                        c.control().behavior().label(), c.control().guidance().label(), c.control().meaning(),
                        c.controlArn(home)), (a, b) -> a, TreeMap::new))
                .values().stream().toList();
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        TagPolicyDocument.keys(config).forEach(key -> allowed.put(key, config.allowedTagValues(key)));
        var management = config.accountWithRole(AccountRole.MANAGEMENT);
        LandingZoneEntry landingZone = config.controlTower().map(t -> new LandingZoneEntry(t.version().text(), home,
                config.organization().governedRegions())).orElse(null);
        return new GovernanceReport(new Report(landingZone,
                new AccountEntry(management.name(), management.id(), management.role().yamlName()), rows, legend,
                new TagPolicyRow(tagPolicyName, config.organization().rootId(), allowed, config.tags().enforcedFor())));
    }

    private static String registration(StackConfig config, OrganizationalUnit ou) {
        return config.controlTower().map(tower -> OrganizationStructure.ownedByControlTower(config, ou)
                        ? "created and registered by Control Tower " + tower.version().text()
                        : "AWSControlTowerBaseline " + tower.baselineVersion())
                .orElse("not governed by Control Tower");
    }

    public List<OuRow> rows() {
        return report.organizationalUnits();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# Governance\n\n").append(landingZoneLine()).append(".\n\n")
                .append("Management account (organization root, no SCPs apply to it): ").append(report.managementAccount().label())
                .append(". Member accounts carry only FullAWSAccess (1/").append(ServiceControlPolicies.MAX_POLICIES_PER_TARGET)
                .append(" SCPs): every SCP of the toolkit is attached to an OU.\n\n")
                .append("| OU | accounts | registration | controls here | controls inherited | SCPs attached here "
                        + "| SCPs inherited | SCP budget used | tag policy |\n|---|---|---|---|---|---|---|---|---|\n");
        for (OuRow row : rows()) {
            out.append("| ").append(row.path()).append(" | ").append(list(labels(row.accounts()), "<br>"))
                    .append(" | ").append(row.registration())
                    .append(" | ").append(list(here(row.controls()), "<br>"))
                    .append(" | ").append(list(inherited(row.inheritedControls()), "<br>"))
                    .append(" | ").append(list(row.attached(), "<br>")).append(" | ").append(list(row.inherited(), "<br>"))
                    .append(" | ").append(budget(row)).append(" | ").append(row.tagPolicy()).append(" |\n");
        }
        if (!report.controls().isEmpty()) {
            out.append("\nControls (waves deploy one after the other, each within Control Tower's limit of concurrent "
                    + "control operations):\n\n| control | behaviour | guidance | meaning | identifier |\n|---|---|---|---|---|\n");
            report.controls().forEach(c -> out.append("| ").append(c.name()).append(" | ").append(c.behavior()).append(" | ")
                    .append(c.guidance()).append(" | ").append(c.meaning()).append(" | `").append(c.identifier()).append("` |\n"));
        }
        TagPolicyRow tagPolicy = report.tagPolicy();
        out.append("\nTag policy `").append(tagPolicy.name()).append("` on the root ").append(tagPolicy.target())
                .append(enforcement(tagPolicy)).append(":\n\n");
        tagPolicy.allowedValues().forEach((key, values) -> out.append("- `").append(key).append("`: ")
                .append(String.join(", ", values)).append('\n'));
        out.append("\nSCP meanings:\n\n");
        for (ServiceControlPolicyKind kind : ServiceControlPolicyKind.values()) {
            out.append("- `").append(kind.yamlName()).append("`: ").append(kind.meaning()).append('\n');
        }
        return out.toString();
    }

    public String text() {
        TagPolicyRow tagPolicy = report.tagPolicy();
        StringBuilder out = new StringBuilder(landingZoneLine() + "\nmanagement account: " + report.managementAccount().label()
                + " (root; SCPs do not apply)\ntag policy: " + tagPolicy.name() + " on the root" + enforcement(tagPolicy) + "\n");
        tagPolicy.allowedValues().forEach((key, values) -> out.append("  ").append(key).append(": ")
                .append(String.join(", ", values)).append('\n'));
        for (OuRow row : rows()) {
            out.append('\n').append(row.path()).append("   [SCP budget ").append(budget(row)).append("]\n");
            out.append("  accounts:  ").append(list(labels(row.accounts()), ", ")).append('\n');
            out.append("  registration: ").append(row.registration()).append('\n');
            out.append("  controls:  ").append(list(here(row.controls()), ", ")).append('\n');
            out.append("  controls inherited: ").append(list(inherited(row.inheritedControls()), ", ")).append('\n');
            out.append("  SCPs attached:  ").append(list(row.attached(), ", ")).append('\n');
            out.append("  SCPs inherited: ").append(list(row.inherited(), ", ")).append('\n');
        }
        return out.toString();
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String landingZoneLine() {
        LandingZoneEntry lz = report.landingZone();
        return lz == null ? "No Control Tower landing zone" : "Control Tower landing zone " + lz.version()
                + ", home region " + lz.homeRegion() + ", governed regions " + String.join(", ", lz.governedRegions());
    }

    private static String enforcement(TagPolicyRow tagPolicy) {
        return tagPolicy.enforcedFor().isEmpty() ? ", reporting only (no enforced resource types)"
                : ", enforced for " + String.join(", ", tagPolicy.enforcedFor());
    }

    private static List<String> labels(List<AccountEntry> accounts) {
        return accounts.stream().map(AccountEntry::label).toList();
    }

    private static List<String> here(List<ControlEntry> controls) {
        return controls.stream().map(c -> c.name() + " (" + c.behavior() + ", wave " + c.wave() + ")").toList();
    }

    private static List<String> inherited(List<ControlEntry> controls) {
        return controls.stream().map(c -> c.name() + " (from " + c.from() + ")").toList();
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

    /** The OU at {@code path} and every OU above it. */
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
