package dev.thestack.governance;

import dev.thestack.model.ConfigException;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.ServiceControlPolicyKind;
import dev.thestack.model.StackConfig;
import dev.thestack.model.StackConfigLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceControlPoliciesTest {
    static final StackConfig CONFIG = StackConfigLoader.load(
            Path.of(System.getProperty("thestack.root", "..")).resolve("stack.yaml"));
    static final OrganizationalUnit WORKLOADS = CONFIG.organizationalUnit("Workloads").orElseThrow();

    /**
     * Evaluates the region-deny statement the way IAM does for one request: Deny applies when the action is not in
     * NotAction (with IAM's * wildcard) and the requested region is not one of the governed ones.
     */
    static boolean regionDenyBlocks(String action, String region) {
        Map<String, Object> statement = ServiceControlPolicies.statements(CONFIG, ServiceControlPolicyKind.DENY_UNGOVERNED_REGIONS).get(0);
        @SuppressWarnings("unchecked")
        List<String> notActions = (List<String>) statement.get("NotAction");
        boolean exempt = notActions.stream().anyMatch(pattern -> glob(pattern).matcher(action).matches());
        @SuppressWarnings("unchecked")
        List<String> allowed = (List<String>) ((Map<String, Map<String, Object>>) statement.get("Condition"))
                .get("StringNotEquals").get("aws:RequestedRegion");
        return !exempt && !allowed.contains(region);
    }

    private static Pattern glob(String iamPattern) {
        return Pattern.compile(Pattern.quote(iamPattern).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
    }

    @ParameterizedTest(name = "{0} in {1}: denied={2}")
    @CsvSource(textBlock = """
        ec2:RunInstances,             ap-south-1,   true
        lambda:CreateFunction,        sa-east-1,    true
        s3:CreateBucket,              us-west-2,    true
        ec2:RunInstances,             eu-west-1,    false
        dynamodb:PutItem,             eu-central-1, false
        iam:CreateRole,               ap-south-1,   false
        organizations:DescribeOrganization, ap-south-1, false
        sts:AssumeRole,               ap-south-1,   false
        cloudfront:CreateDistribution, ap-south-1,  false
        route53:ChangeResourceRecordSets, ap-south-1, false
        support:CreateCase,           ap-south-1,   false
        budgets:ViewBudget,           ap-south-1,   false
        sso:ListInstances,            ap-south-1,   false
        s3:ListAllMyBuckets,          ap-south-1,   false
        """)
    void regionDenyBlocksUngovernedRegionsButNotGlobalServices(String action, String region, boolean denied) {
        assertThat(regionDenyBlocks(action, region)).isEqualTo(denied);
    }

    @Test
    void regionDenyNeverLocksOutControlTower() {
        Map<String, Object> statement = ServiceControlPolicies.statements(CONFIG, ServiceControlPolicyKind.DENY_UNGOVERNED_REGIONS).get(0);
        assertThat(statement.get("Condition").toString()).contains("ArnNotLike", "AWSControlTowerExecution");
    }

    @Test
    void anOusPoliciesAreConsolidatedIntoFewDocumentsWithinTheSizeLimit() {
        List<ServiceControlPolicies.PolicyDocument> documents = ServiceControlPolicies.forUnit(CONFIG, WORKLOADS);

        assertThat(documents).hasSizeBetween(1, ServiceControlPolicies.policiesLeftPerOu(CONFIG));
        assertThat(documents).allSatisfy(d -> assertThat(d.characters()).isLessThanOrEqualTo(ServiceControlPolicies.MAX_POLICY_CHARACTERS));
        assertThat(documents.stream().flatMap(d -> d.kinds().stream())).containsExactlyElementsOf(WORKLOADS.policies());
        assertThat(ServiceControlPolicies.forUnit(CONFIG, CONFIG.organizationalUnit("Workloads/Prod").orElseThrow()))
                .as("an OU without policies of its own gets none; its parent's bind it").isEmpty();
    }

    @Test
    void aPolicyOverTheSizeLimitIsAConfigErrorNamingTheOu() {
        assertThatThrownBy(() -> ServiceControlPolicies.forUnit(CONFIG, WORKLOADS, 100, 3))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("organizationalUnits[2].policies: policy deny-leave-organization alone is")
                .hasMessageContaining("over the SCP limit of 100");
    }

    @Test
    void moreScpsThanATargetAllowsIsAConfigErrorCountingAwsAndControlTowersOwn() {
        int oneKindEach = ServiceControlPolicies.size(ServiceControlPolicies.document(CONFIG,
                List.of(ServiceControlPolicyKind.PROTECT_AUDIT_TRAIL)));
        assertThatThrownBy(() -> ServiceControlPolicies.forUnit(CONFIG, WORKLOADS, oneKindEach, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OU 'Workloads' would carry")
                .hasMessageContaining("Organizations allows 5 per target, and after FullAWSAccess and the 2 Control "
                        + "Tower attaches there is room for 1");
        assertThat(ServiceControlPolicies.policiesLeftPerOu(CONFIG)).as("5 - FullAWSAccess - Control Tower's 2").isEqualTo(2);
    }
}
