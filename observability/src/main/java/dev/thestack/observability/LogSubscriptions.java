package dev.thestack.observability;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.CfnSubscriptionFilter;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscribes every log group of a stack to the logs account's destination ({@link LogDelivery}), so that every
 * workload log also reaches the archive. Create it last in the stack: it walks the stack's tree once, when it is
 * constructed (no aspect: those are called back across the jsii boundary for every construct), and gives every
 * {@code AWS::Logs::LogGroup} found there, whatever construct made it, a subscription filter for all its events.
 * <p>
 * The destination admits the organization, not a list of accounts, so CloudWatch Logs checks each filter with a
 * role of the sending account: this construct's {@link #role()}, allowed {@code logs:PutLogEvents} on exactly the
 * subscribed log groups.
 */
public final class LogSubscriptions extends Construct {
    private final List<CfnSubscriptionFilter> filters = new ArrayList<>();
    private final Role role;

    public LogSubscriptions(Construct scope, String id, String destinationArn) {
        super(scope, id);
        Stack stack = Stack.of(this);
        List<CfnResource> logGroups = new ArrayList<>();
        for (IConstruct node : stack.getNode().findAll()) {
            if (node instanceof CfnResource resource && "AWS::Logs::LogGroup".equals(resource.getCfnResourceType())) {
                logGroups.add(resource);
            }
        }
        if (logGroups.isEmpty()) {
            this.role = null;
            return;
        }
        this.role = Role.Builder.create(this, "Role")
                // the trust policy CloudWatch Logs documents for this role ("Only if using an organization")
                .assumedBy(new ServicePrincipal("logs.amazonaws.com"))
                .description("CloudWatch Logs: proves this account may deliver its log groups to the log archive")
                .inlinePolicies(Map.of("DeliverSubscribedLogGroups", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("logs:PutLogEvents"))
                                .resources(logGroups.stream().map(g -> Token.asString(g.getAtt("Arn"))).toList())
                                .build())).build()))
                .build();
        for (CfnResource logGroup : logGroups) {
            filters.add(CfnSubscriptionFilter.Builder.create(this, filterId(stack, logGroup))
                    .logGroupName(logGroup.getRef())
                    .destinationArn(destinationArn)
                    .filterPattern("")
                    .roleArn(role.getRoleArn())
                    .build());
        }
    }

    /** The log group's path inside the stack, e.g. {@code Todo-Logs} for {@code Todo/Logs/Resource}. */
    private static String filterId(Stack stack, CfnResource logGroup) {
        String path = logGroup.getNode().getPath().substring(stack.getNode().getPath().length() + 1);
        return path.replaceFirst("/Resource$", "").replace('/', '-');
    }

    /** One filter per log group of the stack, in tree order. */
    public List<CfnSubscriptionFilter> filters() {
        return List.copyOf(filters);
    }

    /** The role the filters name; empty when the stack has no log group. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }
}
