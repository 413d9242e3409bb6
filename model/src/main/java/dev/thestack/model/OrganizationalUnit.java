package dev.thestack.model;

import java.util.List;
import java.util.Optional;

/**
 * An OU. Accounts and other OUs refer to it by its path, e.g. {@code Workloads/Prod}.
 *
 * @param parentPath the parent OU's path; empty for an OU directly under the root
 * @param policies   service control policies attached to this OU (they also bind every OU and account below it)
 * @param existingId the id ({@code ou-...}) of an OU that already exists: the toolkit refers to it instead of
 *                   creating it
 * @param controls   Control Tower controls enabled on this OU
 */
public record OrganizationalUnit(String name, Optional<String> parentPath, List<ServiceControlPolicyKind> policies,
                                 Optional<String> existingId, List<ControlSelection> controls) {
    public OrganizationalUnit {
        policies = List.copyOf(policies);
        controls = List.copyOf(controls);
    }

    public OrganizationalUnit withControls(List<ControlSelection> selected) {
        return new OrganizationalUnit(name, parentPath, policies, existingId, selected);
    }

    /** Whether this OU is the given one or lies below it. */
    public boolean isWithin(String ancestorPath) {
        return path().equals(ancestorPath) || path().startsWith(ancestorPath + "/");
    }

    public String path() {
        return parentPath.map(p -> p + "/" + name).orElse(name);
    }

    public int depth() {
        return (int) path().chars().filter(c -> c == '/').count() + 1;
    }
}
