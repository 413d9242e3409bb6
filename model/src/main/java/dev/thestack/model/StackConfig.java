package dev.thestack.model;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The whole organization as stack.yaml describes it, validated. Every stack, alarm, route, runbook link and tag
 * is derived from this one immutable value; build it with {@link StackConfigLoader}.
 */
public record StackConfig(Organization organization, CostTags tags, Runbooks runbooks, List<Team> teams,
                          List<ServiceOwner> services, List<Environment> environments,
                          List<OrganizationalUnit> organizationalUnits, List<Account> accounts,
                          List<Tenant> tenants, Optional<ControlTower> controlTower,
                          Optional<AlarmRouting> alarmRouting, Tracing tracing) {

    /**
     * The services the toolkit deploys into every workload account, each needing an owning team: the Todo and
     * Media GraphQL subgraphs and the federation router in front of them. The names are the services' Service
     * metric dimension and cost tag.
     */
    public static final List<String> KNOWN_SERVICES = List.of("todo", "media", "router");

    public StackConfig {
        teams = List.copyOf(teams);
        services = List.copyOf(services);
        environments = List.copyOf(environments);
        organizationalUnits = List.copyOf(organizationalUnits);
        accounts = List.copyOf(accounts);
        tenants = List.copyOf(tenants);
    }

    public Account account(String name) {
        return find(accounts, a -> a.name().equals(name), "account", name);
    }

    /** The single account of a role other than workload (validation guarantees there is exactly one). */
    public Account accountWithRole(AccountRole role) {
        if (role == AccountRole.WORKLOAD) {
            throw new IllegalArgumentException("many accounts have the workload role; use workloadAccounts()");
        }
        return find(accounts, a -> a.role() == role, "account with role", role.yamlName());
    }

    public List<Account> workloadAccounts() {
        return accounts.stream().filter(Account::isWorkload).toList();
    }

    public Environment environment(String name) {
        return find(environments, e -> e.name().equals(name), "environment", name);
    }

    public Environment environmentOf(Account account) {
        return environment(account.environment().orElseThrow(
                () -> new IllegalArgumentException("account " + account.name() + " runs no environment")));
    }

    public Team team(String name) {
        return find(teams, t -> t.name().equals(name), "team", name);
    }

    public Team ownerOf(String service) {
        return team(find(services, s -> s.service().equals(service), "service", service).team());
    }

    public Optional<OrganizationalUnit> organizationalUnit(String path) {
        return organizationalUnits.stream().filter(ou -> ou.path().equals(path)).findFirst();
    }

    /** The OU of the log archive and audit accounts: Control Tower's security OU (validation keeps them together). */
    public String securityOuPath() {
        return accountWithRole(AccountRole.LOGS).ouPath().orElseThrow();
    }

    /**
     * The values a cost tag may take: pinned in stack.yaml, or else every value the model gives it. Validation
     * guarantees the model only uses pinned values.
     */
    public List<String> allowedTagValues(String key) {
        if (tags.allowedValues().containsKey(key)) {
            return tags.allowedValues().get(key);
        }
        return usedTagValues(key);
    }

    /** Every value the toolkit writes for a cost tag, from the model. */
    public List<String> usedTagValues(String key) {
        java.util.stream.Stream<String> values = switch (key) {
            case "Service" -> java.util.stream.Stream.concat(java.util.stream.Stream.of(CostTags.PLATFORM_SERVICE),
                    services.stream().map(ServiceOwner::service));
            case "Environment" -> java.util.stream.Stream.concat(environments.stream().map(Environment::name),
                    java.util.stream.Stream.of(CostTags.SHARED_ENVIRONMENT));
            case "Team" -> teams.stream().map(Team::name);
            case "CostCenter" -> teams.stream().map(Team::costCenter);
            // only a single-tenant account's resources carry the tenant tag
            default -> key.equals(tags.tenantTag()) ? tenants.stream()
                    .filter(t -> accounts.stream().anyMatch(a -> a.name().equals(t.account()) && a.tenancy() == Tenancy.SINGLE))
                    .map(Tenant::name)
                    : java.util.stream.Stream.empty();
        };
        return values.distinct().toList();
    }

    /** The environment an account's alarms and tags belong to: its own, or {@code shared}. */
    public String environmentNameOf(Account account) {
        return account.environment().orElse(CostTags.SHARED_ENVIRONMENT);
    }

    public List<Tenant> tenantsOf(Account account) {
        return tenants.stream().filter(t -> t.account().equals(account.name())).toList();
    }

    private static <T> T find(List<T> items, java.util.function.Predicate<T> match, String what, String name) {
        return items.stream().filter(match).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + what + " " + name + " in the model"));
    }
}
