package dev.thestack.model;

import java.util.Optional;

/**
 * An AWS account of the organization.
 *
 * @param ouPath      the OU the account sits in; empty only for the management account (it sits at the root)
 * @param environment the environment a workload account runs; empty for the other roles
 * @param tenancy     for workload accounts: serves many tenants or one
 * @param team        the owning team (cost centre, contact)
 * @param region      where this account's stacks deploy: the home region unless the account says otherwise
 */
public record Account(String name, String id, String email, AccountRole role, Optional<String> ouPath,
                      Optional<String> environment, Tenancy tenancy, String team, String region) {
    public boolean isWorkload() {
        return role == AccountRole.WORKLOAD;
    }
}
