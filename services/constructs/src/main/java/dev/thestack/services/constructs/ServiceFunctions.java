package dev.thestack.services.constructs;

import dev.thestack.services.contract.MetricContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.constructs.Construct;

/** What the Lambda functions of the services have in common: how they run, and what Powertools reads. */
final class ServiceFunctions {
    static final String LIVE_ALIAS = "live";

    private ServiceFunctions() {
    }

    /** Refuses to deploy a service whose jar was not built (its module is services/&lt;service&gt;). */
    static void requireJar(String service, Path handlerJar) {
        if (!Files.isRegularFile(handlerJar)) {
            throw new IllegalArgumentException("The " + service + " Lambda jar " + handlerJar
                    + " does not exist; build it first (mvn -pl services/" + service + " package, or ./stack build)");
        }
    }

    /**
     * A function of the service's shaded jar, Java on arm64 with X-Ray active and SnapStart, whose environment holds the service's
     * own variables and the metric contract's; the caller adds handler, memory, timeout, role and log group.
     */
    static Function.Builder java(Construct scope, String service, String environment, Path handlerJar,
                                 Map<String, String> serviceVariables) {
        // sorted: Map.of order changes between runs, and with it the template
        Map<String, String> variables = new TreeMap<>(serviceVariables);
        variables.putAll(Map.of(
                MetricContract.ENV_NAMESPACE, MetricContract.NAMESPACE,
                MetricContract.ENV_SERVICE_NAME, service,
                MetricContract.ENV_ENVIRONMENT, environment,
                "POWERTOOLS_LOG_LEVEL", "INFO"));
        // No JAVA_TOOL_OPTIONS: on java25 Lambda stops tiered compilation at C1 by default, except with SnapStart,
        // where it keeps the JVM's full tiers because compiling happens before the snapshot, off the invocation
        // path (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html); forcing C1 would give that up.
        return Function.Builder.create(scope, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(handlerJar.toString()))
                // active tracing also grants xray:PutTraceSegments/PutTelemetryRecords on "*": X-Ray has no
                // resource-level permissions
                .tracing(Tracing.ACTIVE)
                // a published version starts from a snapshot taken after init and the handler's priming hooks;
                // callers must invoke the version (live()), $LATEST has no snapshot
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(variables);
    }

    /**
     * The alias callers invoke: the function's current version, published whenever its code or configuration
     * changes, which is what SnapStart snapshots.
     */
    static Alias live(Function function) {
        return Alias.Builder.create(function, "Live")
                .aliasName(LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }
}
