package dev.thestack.governance;

import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.StackConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyNamesTest {
    private static final StackConfig CONFIG = ServiceControlPoliciesTest.CONFIG;

    private static OrganizationalUnit ou(String name, String parent) {
        return new OrganizationalUnit(name, Optional.ofNullable(parent), List.of(), Optional.empty(), List.of());
    }

    @Test
    void policyNamesStayUniqueAndWithinOrganizationsLimit() {
        String nested = OrganizationStructure.policyName(CONFIG, ou("Prod", "Workloads"), 1, 0);
        String topLevel = OrganizationStructure.policyName(CONFIG, ou("Workloads-Prod", null), 1, 0);
        String spaced = OrganizationStructure.policyName(CONFIG, ou("My OU", null), 1, 0);
        String dashed = OrganizationStructure.policyName(CONFIG, ou("My-OU", null), 2, 1);
        String deep = OrganizationStructure.policyName(CONFIG, ou("x".repeat(62), "a".repeat(62) + "/" + "b".repeat(62)), 2, 1);

        assertThat(topLevel).isEqualTo("acme-Workloads-Prod-guardrails");
        assertThat(nested).startsWith("acme-Workloads-Prod-").endsWith("-guardrails").isNotEqualTo(topLevel);
        assertThat(spaced).isNotEqualTo(OrganizationStructure.policyName(CONFIG, ou("My-OU", null), 1, 0));
        assertThat(dashed).isEqualTo("acme-My-OU-guardrails-2");
        assertThat(deep).hasSizeLessThanOrEqualTo(OrganizationStructure.MAX_POLICY_NAME).endsWith("-guardrails-2");
    }
}
