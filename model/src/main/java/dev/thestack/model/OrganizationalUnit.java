package dev.thestack.model;

import java.util.List;
import java.util.Optional;

/**
 * An OU. Accounts and other OUs refer to it by its path, e.g. {@code Workloads/Prod}.
 *
 * @param parentPath the parent OU's path; empty for an OU directly under the root
 * @param policies   service control policies attached to this OU (they also bind every OU and account below it)
 */
public record OrganizationalUnit(String name, Optional<String> parentPath, List<ServiceControlPolicyKind> policies) {
    public OrganizationalUnit {
        policies = List.copyOf(policies);
    }

    public String path() {
        return parentPath.map(p -> p + "/" + name).orElse(name);
    }

    public int depth() {
        return (int) path().chars().filter(c -> c == '/').count() + 1;
    }
}
