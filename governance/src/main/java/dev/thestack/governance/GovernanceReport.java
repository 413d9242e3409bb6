package dev.thestack.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
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
 * What governs each OU, for an auditor: its accounts, the service control policies attached to it and those it
 * inherits from its parents, and how much of Organizations' SCP budget it uses. Built from the model alone.
 */
public final class GovernanceReport {
    /** One OU of the report; policies are given by their stack.yaml names. */
    public record OuRow(String path, List<String> accounts, List<String> attached, List<String> inherited,
                        int scpDocuments, int scpBudget, List<Integer> scpCharacters) {
    }

    private final List<OuRow> rows;
    private final String managementAccount;

    private GovernanceReport(List<OuRow> rows, String managementAccount) {
        this.rows = List.copyOf(rows);
        this.managementAccount = managementAccount;
    }

    public static GovernanceReport of(StackConfig config) {
        List<OuRow> rows = new ArrayList<>();
        List<OrganizationalUnit> units = config.organizationalUnits().stream()
                .sorted(Comparator.comparing(OrganizationalUnit::path)).toList();
        for (OrganizationalUnit ou : units) {
            List<String> accounts = config.accounts().stream()
                    .filter(a -> a.ouPath().map(ou.path()::equals).orElse(false))
                    .map(a -> a.name() + " (" + a.id() + ", " + a.role().yamlName() + ")").toList();
            Set<ServiceControlPolicyKind> inherited = new LinkedHashSet<>();
            ou.parentPath().ifPresent(parent -> ancestors(config, parent).forEach(p -> inherited.addAll(p.policies())));
            List<ServiceControlPolicies.PolicyDocument> documents = ServiceControlPolicies.forUnit(config, ou);
            rows.add(new OuRow(ou.path(), accounts, names(ou.policies()), names(inherited), documents.size(),
                    ServiceControlPolicies.policiesLeftPerOu(config),
                    documents.stream().map(ServiceControlPolicies.PolicyDocument::characters).toList()));
        }
        Account management = config.accountWithRole(AccountRole.MANAGEMENT);
        return new GovernanceReport(rows, management.name() + " (" + management.id() + ")");
    }

    public List<OuRow> rows() {
        return rows;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# Governance\n\nManagement account (organization root, no SCPs apply to it): ")
                .append(managementAccount).append("\n\n")
                .append("| OU | accounts | SCPs attached here | SCPs inherited | SCP budget used |\n|---|---|---|---|---|\n");
        for (OuRow row : rows) {
            out.append("| ").append(row.path()).append(" | ").append(list(row.accounts(), "<br>"))
                    .append(" | ").append(list(row.attached(), "<br>")).append(" | ").append(list(row.inherited(), "<br>"))
                    .append(" | ").append(budget(row)).append(" |\n");
        }
        out.append("\nSCP meanings:\n\n");
        for (ServiceControlPolicyKind kind : ServiceControlPolicyKind.values()) {
            out.append("- `").append(kind.yamlName()).append("`: ").append(kind.meaning()).append('\n');
        }
        return out.toString();
    }

    public String text() {
        StringBuilder out = new StringBuilder("management account: " + managementAccount + " (root; SCPs do not apply)\n");
        for (OuRow row : rows) {
            out.append('\n').append(row.path()).append("   [SCP budget ").append(budget(row)).append("]\n");
            out.append("  accounts:  ").append(list(row.accounts(), ", ")).append('\n');
            out.append("  attached:  ").append(list(row.attached(), ", ")).append('\n');
            out.append("  inherited: ").append(list(row.inherited(), ", ")).append('\n');
        }
        return out.toString();
    }

    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(java.util.Map.of("managementAccount", managementAccount, "organizationalUnits", rows));
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
