package dev.thestack.services.constructs;

import dev.thestack.services.contract.MetricContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.constructs.Construct;

/** What the Lambda functions of the services have in common: how they run, and what Powertools reads. */
final class ServiceFunctions {
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
     * A function of the service's shaded jar, Java on arm64 with X-Ray active, whose environment holds the service's
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
                "POWERTOOLS_LOG_LEVEL", "INFO",
                // C1 only: a short-lived function gains more from fast start than from C2 peak speed
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        return Function.Builder.create(scope, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(handlerJar.toString()))
                // active tracing also grants xray:PutTraceSegments/PutTelemetryRecords on "*": X-Ray has no
                // resource-level permissions
                .tracing(Tracing.ACTIVE)
                .environment(variables);
    }
}
