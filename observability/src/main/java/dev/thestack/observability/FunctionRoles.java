package dev.thestack.observability;

import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

import java.util.List;

/** Lambda execution roles that start from nothing: no managed policy, only writing to the function's own log group. */
public final class FunctionRoles {
    private FunctionRoles() {
    }

    /** A role Lambda can assume, allowed to write to {@code logGroup} and nothing else yet. */
    public static Role writingTo(Construct scope, String id, String description, ILogGroup logGroup) {
        Role role = Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        return role;
    }
}
