package dev.thestack.app;

import dev.thestack.dashboards.AlarmThresholds;
import dev.thestack.dashboards.MonitoredService;
import dev.thestack.dashboards.WorkloadMonitoring;
import dev.thestack.dashboards.WorkloadMonitoringProps;
import dev.thestack.governance.LandingZone;
import dev.thestack.governance.LogRetentionCheck;
import dev.thestack.governance.OrganizationStructure;
import dev.thestack.governance.RequiredTagsCheck;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.AlarmNames;
import dev.thestack.model.Environment;
import dev.thestack.model.StackConfig;
import dev.thestack.observability.LogArchive;
import dev.thestack.observability.LogDelivery;
import dev.thestack.observability.LogDeliveryProps;
import dev.thestack.observability.LogSubscriptions;
import dev.thestack.observability.MonitoringSink;
import dev.thestack.observability.MonitoringSinkProps;
import dev.thestack.observability.WorkloadLink;
import dev.thestack.observability.WorkloadLinkProps;
import dev.thestack.routing.AlarmForwarder;
import dev.thestack.routing.AlarmRules;
import dev.thestack.routing.CentralAlarmBus;
import dev.thestack.observability.XRayTracing;
import dev.thestack.observability.XRayTracingProps;
import dev.thestack.runbooks.RunbookIndex;
import dev.thestack.services.constructs.MediaService;
import dev.thestack.services.constructs.MediaServiceProps;
import dev.thestack.services.constructs.RouterService;
import dev.thestack.services.constructs.RouterServiceProps;
import dev.thestack.services.constructs.ServiceProps;
import dev.thestack.services.constructs.TodoService;
import dev.thestack.services.contract.MetricContract;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

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
        Stack logsStack = add(logs, "Central log archive and the delivery of every workload log group into it");
        LogArchive archive = new LogArchive(logsStack, "LogArchive", 90);
        LogDelivery delivery = new LogDelivery(logsStack, "LogDelivery", new LogDeliveryProps(
                config.organization().id(), LogDelivery.destinationName(config.organization().name()),
                config.workloadAccounts().stream().map(Account::id).toList(), archive.archive(), archive.key(),
                // delivery errors concern every environment's logs: kept as long as the longest-kept of them
                config.environments().stream().mapToInt(Environment::logRetentionDays).max().orElseThrow()));
        NagSuppressionsCatalog.logDelivery(delivery, archive.archive());
        // from the logs account's id and region in the model; every workload account is in that region (validated)
        String destinationArn = delivery.destinationArn();

        Account audit = config.accountWithRole(AccountRole.AUDIT);
        Stack auditStack = add(audit, "Security findings of the organization");
        Key findingsKey = Key.Builder.create(auditStack, "FindingsKey").enableKeyRotation(true)
                .description("Encrypts the security findings topic").build();
        Topic.Builder.create(auditStack, "SecurityFindings").masterKey(findingsKey).enforceSsl(true)
                .displayName("Security findings").build();

        Account monitoring = config.accountWithRole(AccountRole.MONITORING);
        Stack monitoringStack = add(monitoring, config.alarmRouting().isPresent()
                ? "Cross-account observability sink and alarm routing (central bus, routes, destinations, DLQs)"
                : "Cross-account observability sink");
        new MonitoringSink(monitoringStack, "Sink", MonitoringSinkProps.builder()
                .organizationId(config.organization().id())
                .sinkName(config.organization().name() + "-telemetry")
                .build());
        if (config.alarmRouting().isPresent()) {
            NagSuppressionsCatalog.deadLetterQueues(new CentralAlarmBus(monitoringStack, "AlarmRouting", config, runbooks)
                    .deadLetterQueues());
            forwardAlarms(monitoringStack, monitoring, runbooks);
        }

        for (Account account : config.workloadAccounts()) {
            var environment = config.environmentOf(account);
            Stack stack = add(account, "Workload of " + environment.name()
                    + ": GraphQL router, Todo and Media subgraphs, monitoring, link to the sink, log delivery to the archive");
            new WorkloadLink(stack, "MonitoringLink", new WorkloadLinkProps(monitoring.id(), monitoring.region()));
            if (config.alarmRouting().isPresent()) {
                forwardAlarms(stack, account, runbooks);
            }
            NagSuppressionsCatalog.xrayTracing(new XRayTracing(stack, "Tracing",
                    new XRayTracingProps(config.tracing(), environment.logRetentionDays())));
            deployServices(stack, account, artifacts, runbooks);
            // last: it subscribes every log group the stack holds by now
            new LogSubscriptions(stack, "LogDelivery", destinationArn);
        }
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
    }

    /**
     * The federated GraphQL API of a workload account: the router in front of the Todo and Media subgraphs, each
     * tagged as its owning team's cost, and their monitoring, each service's alarms named for its team.
     */
    private void deployServices(Stack stack, Account account, ServiceArtifacts artifacts, RunbookIndex runbooks) {
        var environment = config.environmentOf(account);
        ServiceProps.Builder deployment = ServiceProps.builder()
                .environment(environment.name())
                .logRetentionDays(environment.logRetentionDays())
                .retainData(!"dev".equals(environment.name()));
        TodoService todo = new TodoService(stack, "Todo", deployment.handlerJar(artifacts.todoJar()).build());
        // no upload origins: there is no web frontend yet whose pages would PUT to the bucket
        MediaService media = new MediaService(stack, "Media",
                MediaServiceProps.of(deployment.handlerJar(artifacts.mediaJar()).build()));
        Map<String, RouterServiceProps.Subgraph> subgraphs = new LinkedHashMap<>();
        subgraphs.put(TodoService.SERVICE_NAME,
                new RouterServiceProps.Subgraph(todo.alias(), TodoService.TIMEOUT_SECONDS));
        subgraphs.put(MediaService.SERVICE_NAME,
                new RouterServiceProps.Subgraph(media.alias(), MediaService.TIMEOUT_SECONDS));
        RouterService router = new RouterService(stack, "Router",
                new RouterServiceProps(deployment.handlerJar(artifacts.routerJar()).build(), subgraphs));
        serviceCostTags(todo, TodoService.SERVICE_NAME);
        serviceCostTags(media, MediaService.SERVICE_NAME);
        serviceCostTags(router, RouterService.SERVICE_NAME);
        NagSuppressionsCatalog.serviceFunctions(List.of(todo.function(), media.function(), router.function()));
        NagSuppressionsCatalog.mediaService(media);
        new WorkloadMonitoring(stack, "Monitoring", new WorkloadMonitoringProps(account.name(), environment.name(),
                runbooks, List.of(
                        MonitoredService.builder()
                                .service(RouterService.SERVICE_NAME)
                                .title("GraphQL router")
                                .alarmNamePrefix(alarmPrefix(RouterService.SERVICE_NAME, account))
                                .function(router.function())
                                .shownMetrics(List.of(MetricContract.QUERY_PLAN_CACHE_MISSES))
                                .routedSubgraphs(List.copyOf(subgraphs.keySet()))
                                .build(),
                        MonitoredService.builder()
                                .service(TodoService.SERVICE_NAME)
                                .title("Todo subgraph")
                                .alarmNamePrefix(alarmPrefix(TodoService.SERVICE_NAME, account))
                                .function(todo.function())
                                .table(todo.table())
                                .shownMetrics(List.of(MetricContract.TODO_CREATED))
                                .build(),
                        MonitoredService.builder()
                                .service(MediaService.SERVICE_NAME)
                                .title("Media subgraph")
                                .alarmNamePrefix(alarmPrefix(MediaService.SERVICE_NAME, account))
                                .function(media.function())
                                .table(media.table())
                                // not alarmed: a rejected upload is a client sending another file than it announced
                                .shownMetrics(List.of(MetricContract.UPLOADS_REQUESTED, MetricContract.UPLOADS_COMPLETED,
                                        MetricContract.UPLOADS_REJECTED, MetricContract.TRANSCODE_JOBS_STARTED))
                                .build()),
                AlarmThresholds.defaults()));
    }

    /** A service's own resources are its owning team's cost, not the account's. */
    private void serviceCostTags(Construct service, String name) {
        AccountStacks.costTag(service, config, "Service", name);
        AccountStacks.costTag(service, config, "Team", config.ownerOf(name).name());
        AccountStacks.costTag(service, config, "CostCenter", config.ownerOf(name).costCenter());
    }

    /** Alarms of a service name its owning team first: the central routing reads the team from there. */
    private String alarmPrefix(String service, Account account) {
        return AlarmNames.prefix(config.ownerOf(service).name(), service, account.name());
    }

    /** The account's alarm state changes go to the central bus; failures to do so are the platform team's. */
    private void forwardAlarms(Stack stack, Account account, RunbookIndex runbooks) {
        var platform = config.team(config.accountWithRole(AccountRole.MONITORING).team());
        AlarmForwarder forwarder = new AlarmForwarder(stack, "AlarmForwarding", AlarmRules.busArn(config),
                AlarmNames.prefix(platform.name(), "routing", account.name()), platform.email(), runbooks);
        NagSuppressionsCatalog.deadLetterQueues(forwarder.deadLetterQueues());
    }

    /** After {@link #synth()} (tags are applied by aspects during it): every taggable resource lacking a cost tag. */
    public List<String> untaggedResources() {
        return RequiredTagsCheck.findUntagged(app, config.tags().required());
    }

    /**
     * After {@link #synth()}: every log group without a retention and every Lambda function without a log group of
     * its own, in every stack.
     */
    public List<String> logsWithoutRetention() {
        return LogRetentionCheck.findWithoutRetention(app);
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
