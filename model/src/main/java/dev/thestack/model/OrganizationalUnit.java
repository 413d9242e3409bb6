package dev.thestack.model;

import java.util.Optional;

/**
 * An OU. Accounts and other OUs refer to it by its path, e.g. {@code Workloads/Prod}.
 *
 * @param parentPath the parent OU's path; empty for an OU directly under the root
 */
public record OrganizationalUnit(String name, Optional<String> parentPath) {
    public String path() {
        return parentPath.map(p -> p + "/" + name).orElse(name);
    }

    public int depth() {
        return (int) path().chars().filter(c -> c == '/').count() + 1;
    }
}
