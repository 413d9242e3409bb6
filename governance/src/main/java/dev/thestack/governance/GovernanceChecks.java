package dev.thestack.governance;

import dev.thestack.model.ConfigException;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.Problem;
import dev.thestack.model.StackConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks that need the policy documents themselves (SCP and tag policy sizes, SCPs per OU), run where the model
 * is loaded so that `validate` and `governance` refuse what `synth` would.
 */
public final class GovernanceChecks {
    private GovernanceChecks() {
    }

    /** Throws one {@link ConfigException} naming {@code source} with every problem found. */
    public static void check(StackConfig config, String source) {
        List<Problem> problems = new ArrayList<>();
        for (OrganizationalUnit ou : config.organizationalUnits()) {
            collect(problems, () -> ServiceControlPolicies.forUnit(config, ou));
        }
        collect(problems, () -> TagPolicyDocument.of(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    private static void collect(List<Problem> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
    }
}
