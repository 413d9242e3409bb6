package dev.thestack.app;

import dev.thestack.model.Account;
import dev.thestack.model.StackConfig;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;
import software.constructs.IConstruct;

/** What every account's stack shares: its name, env (account, region) and stack-wide cost tags, all from the model. */
final class AccountStacks {
    /** The Service tag of resources that belong to the platform rather than to one service. */
    static final String PLATFORM_SERVICE = "platform";

    private AccountStacks() {
    }

    static String stackName(StackConfig config, Account account) {
        return config.organization().name() + "-" + account.name();
    }

    static Stack create(Construct app, StackConfig config, Account account, String description) {
        Stack stack = new Stack(app, stackName(config, account), StackProps.builder()
                .env(Environment.builder().account(account.id()).region(account.region()).build())
                .description(description)
                .terminationProtection(true)
                .build());
        var team = config.team(account.team());
        costTag(stack, config, "Service", PLATFORM_SERVICE);
        costTag(stack, config, "Team", team.name());
        costTag(stack, config, "CostCenter", team.costCenter());
        costTag(stack, config, "Environment", account.environment().orElse("shared"));
        var tenants = config.tenantsOf(account);
        if (tenants.size() == 1 && account.tenancy() == dev.thestack.model.Tenancy.SINGLE) {
            Tags.of(stack).add(config.tags().tenantTag(), tenants.get(0).name());
        }
        return stack;
    }

    /** Adds one of the cost-allocation tags, if the model requires it. */
    static void costTag(IConstruct scope, StackConfig config, String key, String value) {
        if (config.tags().required().contains(key)) {
            Tags.of(scope).add(key, value);
        }
    }
}
