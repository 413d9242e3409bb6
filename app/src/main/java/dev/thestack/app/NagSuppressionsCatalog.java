package dev.thestack.app;

import dev.thestack.services.constructs.TodoService;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;

import java.util.List;

/**
 * Every cdk-nag suppression of the toolkit, each with the reason an auditor reads in the nag report. A finding
 * that is not suppressed here fails `./stack synth`.
 */
final class NagSuppressionsCatalog {
    private NagSuppressionsCatalog() {
    }

    static void todoService(TodoService todo) {
        NagSuppressions.addResourceSuppressions(todo.function().getRole(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions; "
                        + "'*' is the only resource they accept (granted by Lambda active tracing).")
                .appliesTo(List.of("Resource::*"))
                .build()), true);
    }
}
