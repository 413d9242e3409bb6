package dev.thestack.app;

import dev.thestack.dashboards.AlarmThresholds;
import dev.thestack.dashboards.WorkloadMonitoring;
import dev.thestack.dashboards.WorkloadMonitoringProps;
import dev.thestack.governance.LandingZone;
import dev.thestack.governance.OrganizationStructure;
import dev.thestack.governance.RequiredTagsCheck;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.StackConfig;
import dev.thestack.observability.LogArchive;
import dev.thestack.observability.MonitoringSink;
import dev.thestack.observability.MonitoringSinkProps;
import dev.thestack.observability.WorkloadLink;
import dev.thestack.observability.WorkloadLinkProps;
import dev.thestack.observability.XRayTracing;
import dev.thestack.observability.XRayTracingProps;
import dev.thestack.runbooks.RunbookIndex;
import dev.thestack.services.constructs.TodoService;
import dev.thestack.services.constructs.TodoServiceProps;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole organization as one CDK app: a stack per account, each with env (account, region) from the model.
 * Construct it, then {@link #synth()}; cdk-nag's AwsSolutions pack checks every stack during synthesis.
 */
public final class OrganizationApp {
    private final StackConfig config;
    private final App app;
    private final Map<String, Stack> stacksByAccount = new LinkedHashMap<>();

    public OrganizationApp(StackConfig config, ServiceArtifacts artifacts, Path outdir) {
        this.config = config;
        this.app = App.Builder.create().outdir(outdir.toString()).analyticsReporting(false).build();
        RunbookIndex runbooks = new RunbookIndex(config.runbooks());

        Account management = config.accountWithRole(AccountRole.MANAGEMENT);
        Stack managementStack = add(management, "Governance: OUs, accounts, SCPs, tag policy, Control Tower landing zone and controls");
        OrganizationStructure structure = new OrganizationStructure(managementStack, "Organization", config);
        if (config.controlTower().isPresent()) {
            NagSuppressionsCatalog.controlTowerRoles(new LandingZone(managementStack, "ControlTower", config, structure).roles());
        }

        Account logs = config.accountWithRole(AccountRole.LOGS);
        Stack logsStack = add(logs, "Central log archive");
        new LogArchive(logsStack, "LogArchive", 90);

        Account audit = config.accountWithRole(AccountRole.AUDIT);
        Stack auditStack = add(audit, "Security findings of the organization");
        Key findingsKey = Key.Builder.create(auditStack, "FindingsKey").enableKeyRotation(true)
                .description("Encrypts the security findings topic").build();
        Topic.Builder.create(auditStack, "SecurityFindings").masterKey(findingsKey).enforceSsl(true)
                .displayName("Security findings").build();

        Account monitoring = config.accountWithRole(AccountRole.MONITORING);
        Stack monitoringStack = add(monitoring, "Cross-account observability sink");
        new MonitoringSink(monitoringStack, "Sink", MonitoringSinkProps.builder()
                .organizationId(config.organization().id())
                .sinkName(config.organization().name() + "-telemetry")
                .build());

        for (Account account : config.workloadAccounts()) {
            var environment = config.environmentOf(account);
            Stack stack = add(account, "Workload of " + environment.name() + ": Todo subgraph, monitoring, link to the sink");
            new WorkloadLink(stack, "MonitoringLink", new WorkloadLinkProps(monitoring.id(), monitoring.region()));
            NagSuppressionsCatalog.xrayTracing(new XRayTracing(stack, "Tracing",
                    new XRayTracingProps(config.tracing(), environment.logRetentionDays())));
            TodoService todo = new TodoService(stack, "Todo", TodoServiceProps.builder()
                    .environment(environment.name())
                    .logRetentionDays(environment.logRetentionDays())
                    .handlerJar(artifacts.todoJar())
                    .retainData(!"dev".equals(environment.name()))
                    .build());
            AccountStacks.costTag(todo, config, "Service", TodoService.SERVICE_NAME);
            AccountStacks.costTag(todo, config, "Team", config.ownerOf(TodoService.SERVICE_NAME).name());
            AccountStacks.costTag(todo, config, "CostCenter", config.ownerOf(TodoService.SERVICE_NAME).costCenter());
            NagSuppressionsCatalog.todoService(todo);
            new WorkloadMonitoring(stack, "Monitoring", new WorkloadMonitoringProps(account.name(),
                    environment.name(), runbooks, todo.function(), todo.table(), AlarmThresholds.defaults()));
        }
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
    }

    /** After {@link #synth()} (tags are applied by aspects during it): every taggable resource lacking a cost tag. */
    public List<String> untaggedResources() {
        return RequiredTagsCheck.findUntagged(app, config.tags().required());
    }

    private Stack add(Account account, String description) {
        Stack stack = AccountStacks.create(app, config, account, description);
        stacksByAccount.put(account.name(), stack);
        return stack;
    }

    public CloudAssembly synth() {
        return app.synth();
    }

    /** Stacks by account name, in the model's account order. */
    public Map<String, Stack> stacksByAccount() {
        return Collections.unmodifiableMap(stacksByAccount);
    }

    public List<String> stackNames() {
        List<String> names = new ArrayList<>();
        stacksByAccount.values().forEach(s -> names.add(s.getStackName()));
        return names;
    }
}
