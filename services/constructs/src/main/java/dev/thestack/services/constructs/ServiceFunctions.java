package dev.thestack.services.constructs;

import dev.thestack.observability.FunctionRoles;
import dev.thestack.services.contract.MetricContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/** What the Lambda functions of the services have in common: how they run, what they log to, what Powertools reads. */
final class ServiceFunctions {
    /** The alias callers invoke. */
    static final String LIVE_ALIAS = "live";

    private ServiceFunctions() {
    }

    /**
     * What tells one service's function from another's.
     *
     * @param service         the service name: Powertools' Service dimension, and its module services/&lt;service&gt;
     * @param description     what the function is, for the console; the environment is appended
     * @param handler         the handler method
     * @param defaultMemoryMb memory when {@link ServiceProps#memorySizeMb()} names none
     * @param timeoutSeconds  the invocation's limit
     * @param roleDescription what the role is allowed, beyond its log group and X-Ray
     */
    record Spec(String service, String description, String handler, int defaultMemoryMb, int timeoutSeconds,
                String roleDescription) {
    }

    /**
     * The function, the alias its callers invoke (its current version, published whenever its code or
     * configuration changes, which is what SnapStart snapshots; $LATEST has no snapshot), and its role, to which the
     * service adds exactly the calls its handler makes.
     */
    record Deployed(Function function, Alias alias, Role role) {
    }

    /** Refuses to deploy a service whose jar was not built (its module is services/&lt;service&gt;). */
    static void requireJar(String service, Path handlerJar) {
        if (!Files.isRegularFile(handlerJar)) {
            throw new IllegalArgumentException("The " + service + " Lambda jar " + handlerJar
                    + " does not exist; build it first (mvn -pl services/" + service + " package, or ./stack build)");
        }
    }

    /**
     * The service's function from its shaded jar: Java on arm64 with X-Ray active and SnapStart, writing to a log
     * group of its own with the environment's retention, with a role allowed only that log group and X-Ray so far.
     * Its environment holds the service's own variables and the metric contract's.
     */
    static Deployed deploy(Construct scope, Spec spec, ServiceProps props, Map<String, String> serviceVariables) {
        requireJar(spec.service(), props.handlerJar());
        LogGroup logGroup = ServiceStorage.logGroup(scope, props.logRetentionDays(), props.retainData());
        Role role = FunctionRoles.writingTo(scope, "Role", spec.roleDescription(), logGroup);
        // sorted: Map.of order changes between runs, and with it the template
        Map<String, String> variables = new TreeMap<>(serviceVariables);
        variables.putAll(Map.of(
                MetricContract.ENV_NAMESPACE, MetricContract.NAMESPACE,
                MetricContract.ENV_SERVICE_NAME, spec.service(),
                MetricContract.ENV_ENVIRONMENT, props.environment(),
                "POWERTOOLS_LOG_LEVEL", "INFO",
                // EMF otherwise probes EC2's and ECS's metadata endpoints over HTTP beside Lambda's variables at every
                // cold start, to pick the stdout sink it would pick anyway
                "AWS_EMF_ENVIRONMENT", "Lambda"));
        // No JAVA_TOOL_OPTIONS: on java25 Lambda stops tiered compilation at C1 by default, except with SnapStart,
        // where it keeps the JVM's full tiers because compiling happens before the snapshot, off the invocation
        // path (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html); forcing C1 would give that up.
        Function function = Function.Builder.create(scope, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(props.handlerJar().toString()))
                // active tracing also grants xray:PutTraceSegments/PutTelemetryRecords on "*": X-Ray has no
                // resource-level permissions
                .tracing(Tracing.ACTIVE)
                // a published version starts from a snapshot taken after init and the handler's priming hooks
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(variables)
                .description(spec.description() + " (" + props.environment() + ")")
                .handler(spec.handler())
                .memorySize(props.memorySizeMb().orElse(spec.defaultMemoryMb()))
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .role(role)
                .logGroup(logGroup)
                .build();
        Alias alias = Alias.Builder.create(function, "Live")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .build();
        return new Deployed(function, alias, role);
    }
}
