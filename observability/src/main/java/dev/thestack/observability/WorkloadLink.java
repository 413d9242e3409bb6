package dev.thestack.observability;

import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.services.oam.CfnLink;
import software.constructs.Construct;

import java.util.Arrays;

/**
 * Links a workload account to the monitoring account's sink, sharing metrics, log groups and traces.
 * <p>
 * The sink's ARN ends in an id AWS assigns when the monitoring stack is deployed, and CloudFormation cannot read
 * it across accounts, so the link takes it as the stack parameter {@value #SINK_PARAMETER}; the parameter's pattern
 * only accepts a sink of the monitoring account in the right region.
 */
public final class WorkloadLink extends Construct {
    public static final String SINK_PARAMETER = "MonitoringSinkArn";

    private final CfnLink link;

    public WorkloadLink(Construct scope, String id, WorkloadLinkProps props) {
        super(scope, id);
        CfnParameter sinkArn = CfnParameter.Builder.create(scope, SINK_PARAMETER)
                .type("String")
                .description("ARN of the monitoring account's sink (output SinkArn of the monitoring stack)")
                .allowedPattern("arn:aws:oam:" + props.region() + ":" + props.monitoringAccountId()
                        + ":sink/[0-9a-f-]{36}")
                .constraintDescription("the SinkArn output of the monitoring stack, in account "
                        + props.monitoringAccountId() + " and region " + props.region())
                .build();
        this.link = CfnLink.Builder.create(this, "Link")
                .sinkIdentifier(sinkArn.getValueAsString())
                .labelTemplate("$AccountName")
                .resourceTypes(Arrays.stream(TelemetryType.values()).map(TelemetryType::resourceType).toList())
                .build();
    }

    public CfnLink link() {
        return link;
    }
}
