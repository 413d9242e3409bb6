package dev.thestack.observability;

import dev.thestack.model.StableJson;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.oam.CfnSink;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The CloudWatch cross-account observability sink of the monitoring account: metrics, log groups and X-Ray traces
 * of every linked workload account become visible here. Its policy admits only accounts of the organization.
 */
public final class MonitoringSink extends Construct {
    private final CfnSink sink;

    public MonitoringSink(Construct scope, String id, MonitoringSinkProps props) {
        super(scope, id);
        List<String> types = props.shared().stream().sorted().map(TelemetryType::resourceType).toList();
        this.sink = CfnSink.Builder.create(this, "Sink")
                .name(props.sinkName())
                .policy(StableJson.sorted(policy(props.organizationId(), types)))
                .build();
        // a fixed output name: the deploy instructions (README) tell people to look it up by this name
        CfnOutput.Builder.create(this, "SinkArn")
                .value(sink.getAttrArn())
                .description("Give this ARN to the workload stacks as their MonitoringSinkArn parameter")
                .build()
                .overrideLogicalId("SinkArn");
    }

    /** The sink's ARN; the workload links point at it. */
    public String sinkArn() {
        return sink.getAttrArn();
    }

    private static Map<String, Object> policy(String organizationId, List<String> types) {
        return Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of(
                        "Sid", "LinkFromAccountsOfTheOrganizationOnly",
                        "Effect", "Allow",
                        // "*" is narrowed by the organization condition below: OAM sinks are shared this way
                        "Principal", "*",
                        "Action", List.of("oam:CreateLink", "oam:UpdateLink"),
                        "Resource", "*",
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:PrincipalOrgID", organizationId),
                                "ForAllValues:StringEquals", Map.of("oam:ResourceTypes", types)))));
    }
}
