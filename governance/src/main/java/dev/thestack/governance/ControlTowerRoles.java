package dev.thestack.governance;

import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The four service roles Control Tower needs in the management account before a landing zone can be created
 * through its API (the console creates them itself). Names and paths are fixed by Control Tower.
 */
public final class ControlTowerRoles extends Construct {
    private final List<IRole> roles;

    public ControlTowerRoles(Construct scope, String id) {
        super(scope, id);
        Role admin = role("Admin", "AWSControlTowerAdmin", "controltower.amazonaws.com",
                "service-role/AWSControlTowerServiceRolePolicy", Map.of("DescribeAvailabilityZones",
                        PolicyDocument.Builder.create().statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("ec2:DescribeAvailabilityZones"))
                                .resources(List.of("*")) // Describe* calls take no resource ARN
                                .build())).build()));
        Role cloudTrail = role("CloudTrail", "AWSControlTowerCloudTrailRole", "cloudtrail.amazonaws.com",
                "service-role/AWSControlTowerCloudTrailRolePolicy", Map.of());
        Role stackSet = role("StackSet", "AWSControlTowerStackSetRole", "cloudformation.amazonaws.com", null,
                Map.of("AssumeExecutionRole", PolicyDocument.Builder.create().statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("sts:AssumeRole"))
                        .resources(List.of("arn:aws:iam::*:role/AWSControlTowerExecution"))
                        .build())).build()));
        Role configAggregator = role("ConfigAggregator", "AWSControlTowerConfigAggregatorRoleForOrganizations",
                "config.amazonaws.com", "service-role/AWSConfigRoleForOrganizations", Map.of());
        roles = List.of(admin, cloudTrail, stackSet, configAggregator);
    }

    private Role role(String id, String name, String service, String managedPolicy, Map<String, PolicyDocument> inline) {
        return Role.Builder.create(this, id)
                .roleName(name)
                .path("/service-role/")
                .assumedBy(new ServicePrincipal(service))
                .managedPolicies(managedPolicy == null ? List.of()
                        : List.of(ManagedPolicy.fromAwsManagedPolicyName(managedPolicy)))
                .inlinePolicies(inline)
                .build();
    }

    public List<IRole> roles() {
        return roles;
    }
}
