package dev.thestack.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.thestack.model.StackConfigLoaderTest.catchConfig;
import static dev.thestack.model.StackConfigLoaderTest.replaceOnce;
import static dev.thestack.model.StackConfigLoaderTest.resource;
import static dev.thestack.model.StackConfigLoaderTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;

/** The controlTower section, OU controls and tag policy settings: what Control Tower or Organizations would refuse. */
class GovernanceValidationTest {
    /** A copy of the repository's stack.yaml: landing zone 4.0, controls on every OU. */
    private static final String GOVERNED = resource("governed-stack.yaml");
    private static final String PROACTIVE_ID = "abcdefghij0123456789abcde";

    /** The same organization on landing zone 3.3, after Control Tower created the security and sandbox OUs. */
    static String onLandingZone33(String yaml) {
        String lz = replaceOnce(yaml, "landingZoneVersion: \"4.0\"", "landingZoneVersion: \"3.3\"\n  sandboxOu: Sandbox");
        lz = replaceOnce(lz, "  - name: Security\n", "  - name: Security\n    id: ou-ab12-securit1\n");
        return replaceOnce(lz, "  - name: Sandbox\n", "  - name: Sandbox\n    id: ou-ab12-sandbox1\n");
    }

    @Test
    void theRepositoryOrganizationEnablesControlsWithTheirCatalogArns() {
        StackConfig config = StackConfigLoader.parse(GOVERNED, "stack.yaml");
        ControlTower tower = config.controlTower().orElseThrow();
        OrganizationalUnit workloads = config.organizationalUnit("Workloads").orElseThrow();
        ControlSelection regionDeny = workloads.controls().stream()
                .filter(c -> c.name().equals(ControlCatalog.REGION_DENY)).findFirst().orElseThrow();
        ControlSelection versioning = config.organizationalUnit("Workloads/Prod").orElseThrow().controls().get(0);

        assertThat(tower.version()).isEqualTo(LandingZoneVersion.V4_0);
        assertThat(tower.maxConcurrentControlOperations()).isEqualTo(10);
        assertThat(config.securityOuPath()).isEqualTo("Security");
        assertThat(regionDeny.controlArn("eu-west-1")).isEqualTo("arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580");
        assertThat(regionDeny.listParameter("AllowedRegions")).as("defaults to the governed regions")
                .containsExactly("eu-west-1", "eu-central-1", "us-east-1");
        assertThat(versioning.name()).isEqualTo("AWS-GR_S3_VERSIONING_ENABLED");
        assertThat(versioning.controlArn("eu-west-1")).as("no global id known: AWS's documented regional ARN")
                .isEqualTo("arn:aws:controltower:eu-west-1::control/AWS-GR_S3_VERSIONING_ENABLED");
        assertThat(config.allowedTagValues("CostCenter")).containsExactly("CC-1000", "CC-2000");
        assertThat(config.allowedTagValues("Environment")).containsExactly("prod", "integration", "dev", "shared");
        assertThat(config.allowedTagValues("Service")).containsExactly("platform", "todo", "media", "router");
    }

    @Test
    void aGovernedConfigRoundTripsThroughTheWriter() {
        String withProactive = replaceOnce(GOVERNED, "      - CT.MULTISERVICE.PV.1",
                "      - {control: CT.CLOUDFORMATION.PR.1, catalogId: " + PROACTIVE_ID + "}\n"
                        + "      - {control: CT.S3.PR.1, catalogId: " + PROACTIVE_ID.replace('a', 'b') + "}\n"
                        + "      - {control: AWS-GR_RESTRICT_ROOT_USER, parameters: {ExemptAssumeRoot: true}}\n"
                        + "      - {control: CT.MULTISERVICE.PV.1, parameters: {AllowedRegions: [eu-west-1], "
                        + "ExemptedPrincipalArns: ['arn:aws:iam::*:role/BreakGlass']}}");
        for (String yaml : List.of(withProactive, onLandingZone33(GOVERNED))) {
            StackConfig config = StackConfigLoader.parse(yaml, "stack.yaml");
            assertThat(StackConfigLoader.parse(StackConfigWriter.toYaml(config), "written")).isEqualTo(config);
        }
        StackConfig config = StackConfigLoader.parse(withProactive, "stack.yaml");
        List<ControlSelection> workloads = config.organizationalUnit("Workloads").orElseThrow().controls();
        assertThat(workloads).extracting(ControlSelection::name).contains("CT.S3.PR.1", "AWS-GR_RESTRICT_ROOT_USER");
        assertThat(workloads.get(workloads.size() - 1).parameters()).isEqualTo(Map.of(
                "AllowedRegions", List.of("eu-west-1"), "ExemptedPrincipalArns", List.of("arn:aws:iam::*:role/BreakGlass")));
    }

    @Test
    void landingZone33KnowsItsSecurityAndSandboxOus() {
        StackConfig config = StackConfigLoader.parse(onLandingZone33(GOVERNED), "stack.yaml");

        assertThat(config.controlTower().orElseThrow().sandboxOu()).contains("Sandbox");
        assertThat(config.organizationalUnit("Security").orElseThrow().existingId()).contains("ou-ab12-securit1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown control, nearest named       | '      - AWS-GR_IAM_USER_MFA_ENABLED\\n  - name: Infra' | '      - AWS-GR_IAM_USR_MFA_ENABLED\\n  - name: Infra' | organizationalUnits[0].controls[4] | nearest known: AWS-GR_IAM_USER_MFA_ENABLED
        mandatory control listed             | '      - AWS-GR_IAM_USER_MFA_ENABLED\\n  - name: Infra' | '      - AWS-GR_CLOUDTRAIL_ENABLED\\n  - name: Infra' | organizationalUnits[0].controls[4] | mandatory: Control Tower applies it
        landing zone region deny listed      | '      - CT.MULTISERVICE.PV.1' | '      - AWS-GR_REGION_DENY'                     | organizationalUnits[2].controls[8] | enable CT.MULTISERVICE.PV.1 (the OU region deny) instead
        proactive without prerequisite       | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.S3.PR.1, catalogId: abcdefghij0123456789abcde}' | organizationalUnits[2].controls[8] | needs CT.CLOUDFORMATION.PR.1 on OU Workloads or above it
        proactive without its catalog id     | '      - CT.MULTISERVICE.PV.1' | '      - CT.DYNAMODB.PR.1'                       | organizationalUnits[2].controls[8] | aws controlcatalog list-controls
        catalog id that contradicts ours     | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.MULTISERVICE.PV.1, catalogId: abcdefghij0123456789abcde}' | organizationalUnits[2].controls[8].catalogId | the toolkit knows this control's id
        malformed catalog id                 | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.S3.PR.1, catalogId: XYZ}'  | organizationalUnits[2].controls[8].catalogId | Control Catalog id
        control listed twice                 | '      - AWS-GR_IAM_USER_MFA_ENABLED\\n  - name: Infra' | '      - AWS-GR_ROOT_ACCOUNT_MFA_ENABLED\\n  - name: Infra' | organizationalUnits[0].controls[4] | already listed on this OU
        region deny without the home region  | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.MULTISERVICE.PV.1, parameters: {AllowedRegions: [us-east-1]}}' | organizationalUnits[2].controls[8].parameters.AllowedRegions | the home region eu-west-1 is missing
        region deny with ungoverned region   | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.MULTISERVICE.PV.1, parameters: {AllowedRegions: [eu-west-1, sa-east-1]}}' | organizationalUnits[2].controls[8].parameters.AllowedRegions[1] | not a governed region
        unknown control parameter            | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.MULTISERVICE.PV.1, parameters: {AllowedRegion: [eu-west-1]}}' | organizationalUnits[2].controls[8].parameters.AllowedRegion | did you mean 'AllowedRegions'?
        parameters on a control without any  | '      - CT.MULTISERVICE.PV.1' | '      - {control: AWS-GR_RESTRICTED_SSH, parameters: {AllowedRegions: [eu-west-1]}}' | organizationalUnits[2].controls[8].parameters | takes no parameters
        ExemptAssumeRoot false               | '      - CT.MULTISERVICE.PV.1' | '      - {control: AWS-GR_RESTRICT_ROOT_USER, parameters: {ExemptAssumeRoot: false}}' | organizationalUnits[2].controls[8].parameters.ExemptAssumeRoot | only takes true
        exempted principal not an ARN        | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.MULTISERVICE.PV.1, parameters: {ExemptedPrincipalArns: [BreakGlass]}}' | organizationalUnits[2].controls[8].parameters.ExemptedPrincipalArns[0] | principal ARN
        landing zone version not built       | 'landingZoneVersion: "4.0"'    | 'landingZoneVersion: "3.9"'                      | controlTower.landingZoneVersion | use one of [3.3, 4.0]
        concurrency over Control Tower limit | 'baselineVersion: "4.0"'       | 'baselineVersion: "4.0"\\n  maxConcurrentControlOperations: 11' | controlTower.maxConcurrentControlOperations | give 1 to 10
        sandbox OU on landing zone 4.0       | 'baselineVersion: "4.0"'       | 'baselineVersion: "4.0"\\n  sandboxOu: Sandbox'  | controlTower.sandboxOu | remove sandboxOu
        sandbox OU missing on 3.3            | 'landingZoneVersion: "4.0"'    | 'landingZoneVersion: "3.3"'                      | controlTower.sandboxOu | missing: landing zone 3.3 creates a sandbox OU
        audit apart from log archive         | '    role: audit\\n    ou: Security' | '    role: audit\\n    ou: Infrastructure'   | accounts[2].ou | under one OU
        malformed OU id                      | '  - name: Test\\n'            | '  - name: Test\\n    id: ou-1\\n'                | organizationalUnits[4].id | an OU id
        pinned tag value the model breaks    | 'CostCenter: [CC-1000, CC-2000]' | 'CostCenter: [CC-1000, CC-3000]'               | teams[1].costCenter | 'CC-2000' is not an allowed CostCenter value
        pinned values for an unknown tag     | 'CostCenter: [CC-1000, CC-2000]' | 'Owner: [alice]'                               | tags.allowedValues.Owner | unknown key 'Owner'
        enforcedFor not a resource type      | 'enforcedFor: []'              | 'enforcedFor: [dynamodb]'                        | tags.enforcedFor[0] | service:type or service:*
        tenant tag equal to a cost tag but case | 'tenantTag: Tenant'         | 'tenantTag: team'                                | tags.tenantTag | already one of the cost tags
        catalog id of another known control  | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.S3.PR.1, catalogId: 8ui9y3oace2513xarz8aqojl7}' | organizationalUnits[2].controls[8].catalogId | is the Control Catalog id of AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS
        one catalog id for two controls      | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.CLOUDFORMATION.PR.1, catalogId: abcdefghij0123456789abcde}\n      - {control: CT.S3.PR.1, catalogId: abcdefghij0123456789abcde}' | organizationalUnits[2].controls[9] | same Control Catalog id as CT.CLOUDFORMATION.PR.1
        catalog id written as null           | '      - CT.MULTISERVICE.PV.1' | '      - {control: CT.S3.PR.1, catalogId: null}' | organizationalUnits[2].controls[8] | does not carry the Control Catalog id of CT.S3.PR.1
        log retention beyond Control Tower's | 'logRetentionDays: 365       #' | 'logRetentionDays: 5476      #'                  | controlTower.logRetentionDays | give 1 to 5475
        """)
    void eachGovernanceProblemNamesItsKeyPathAndAFix(String kind, String find, String replace, String path, String hint) {
        ProblemAssertions.assertReported(replaceOnce(GOVERNED, unescape(find), unescape(replace)), kind, path, hint);
    }

    @Test
    void landingZone33RefusesControlsTheSecurityOuMayNotCarry() {
        String yaml = replaceOnce(onLandingZone33(GOVERNED), "      - AWS-GR_IAM_USER_MFA_ENABLED\n  - name: Infra",
                "      - AWS-GR_IAM_USER_MFA_ENABLED\n      - CT.MULTISERVICE.PV.1\n  - name: Infra");

        assertThat(catchConfig(yaml).problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("organizationalUnits[0].controls[5]");
            assertThat(p.message()).contains("Control Tower 3.3 does not allow CT.MULTISERVICE.PV.1 (preventive) on the security OU");
        });
        String on40 = replaceOnce(GOVERNED, "      - AWS-GR_IAM_USER_MFA_ENABLED\n  - name: Infra",
                "      - AWS-GR_IAM_USER_MFA_ENABLED\n      - CT.MULTISERVICE.PV.1\n  - name: Infra");
        assertThat(StackConfigLoader.parse(on40, "stack.yaml").organizationalUnit("Security").orElseThrow().controls())
                .as("landing zone 4.0 lifts the security OU restriction").hasSize(6);
    }

    @Test
    void landingZone33NamesEverythingThatNeedsTheIdOfAnOuControlTowerCreates() {
        String yaml = replaceOnce(replaceOnce(GOVERNED, "landingZoneVersion: \"4.0\"",
                "landingZoneVersion: \"3.3\"\n  sandboxOu: Sandbox"), "    ou: Sandbox", "    ou: Sandbox");

        List<Problem> problems = catchConfig(yaml).problems();

        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrder(
                "organizationalUnits[0].policies", "organizationalUnits[0].controls",
                "organizationalUnits[5].policies", "organizationalUnits[5].controls",
                "accounts[7].ou");
        assertThat(problems).filteredOn(p -> p.path().startsWith("organizationalUnits"))
                .allSatisfy(p -> assertThat(p.hint()).contains("for the first deploy leave this out"));
        // an account cannot leave its ou: out (that is an error of its own): it goes elsewhere for the first deploy
        assertThat(problems.get(problems.size() - 1).message()).contains("place account 'dev-alice' in it");
        assertThat(problems.get(problems.size() - 1).hint())
                .contains("for the first deploy put the account in another OU (or leave the account out)")
                .contains("organizationalUnits[5].id");
    }

    @Test
    void oneMistakeIsReportedOnceWithoutFollowOnErrors() {
        List<Problem> badVersion = catchConfig(replaceOnce(GOVERNED, "landingZoneVersion: \"4.0\"",
                "landingZoneVersion: \"3.4\"")).problems();
        assertThat(badVersion).extracting(Problem::path).containsExactly("controlTower.landingZoneVersion");

        List<Problem> proactive = catchConfig(replaceOnce(GOVERNED, "      - CT.MULTISERVICE.PV.1",
                "      - CT.S3.PR.1")).problems();
        assertThat(proactive).as("the missing id and the missing prerequisite, in one run").hasSize(2)
                .allSatisfy(p -> assertThat(p.path()).isEqualTo("organizationalUnits[2].controls[8]"));

        List<Problem> noParameters = catchConfig(replaceOnce(GOVERNED, "      - CT.MULTISERVICE.PV.1",
                "      - {control: AWS-GR_RESTRICTED_SSH, parameters: {Foo: bar}}")).problems();
        assertThat(noParameters).singleElement().satisfies(p -> assertThat(p.message()).contains("takes no parameters"));

        List<Problem> notRequired = catchConfig(replaceOnce(GOVERNED, "  required: [Service, Environment, Team, CostCenter]",
                "  required: [Service, Environment, Team]")).problems();
        assertThat(notRequired).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tags.allowedValues.CostCenter");
            assertThat(p.hint()).contains("add CostCenter to tags.required");
        });
    }

    @Test
    void twoOusWithOneIdAreRefusedAndTenantValuesAreThoseOfSingleTenantAccounts() {
        String twoIds = replaceOnce(replaceOnce(GOVERNED, "  - name: Test\n", "  - name: Test\n    id: ou-ab12-abcdefgh\n"),
                "  - name: Sandbox\n", "  - name: Sandbox\n    id: ou-ab12-abcdefgh\n");
        assertThat(catchConfig(twoIds).problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("organizationalUnits[5].id");
            assertThat(p.message()).contains("OU id 'ou-ab12-abcdefgh' is already used at index 4");
        });

        StackConfig pinned = StackConfigLoader.parse(replaceOnce(GOVERNED, "    CostCenter: [CC-1000, CC-2000]",
                "    CostCenter: [CC-1000, CC-2000]\n    Tenant: [globex]"), "stack.yaml");
        assertThat(pinned.usedTagValues("Tenant")).as("initech and umbrella share a multi-tenant account: untagged")
                .containsExactly("globex");
    }

    @Test
    void controlsWithoutALandingZoneAreRefused() {
        int start = GOVERNED.indexOf("controlTower:");
        int end = GOVERNED.indexOf("\n\n", start);
        String yaml = GOVERNED.substring(0, start) + GOVERNED.substring(end + 2);

        assertThat(catchConfig(yaml).problems()).extracting(Problem::path)
                .contains("organizationalUnits[0].controls", "organizationalUnits[2].controls");
    }

    @Test
    void theCatalogHasTheMandatoryControlsAndAtLeastTwentyFiveOthersEachWithItsMeaning() {
        List<ControlDefinition> all = ControlCatalog.all();
        List<ControlDefinition> mandatory = all.stream().filter(c -> c.guidance() == ControlGuidance.MANDATORY).toList();
        List<ControlDefinition> selectable = all.stream().filter(c -> c.guidance() != ControlGuidance.MANDATORY).toList();

        assertThat(mandatory).hasSizeGreaterThanOrEqualTo(20).allSatisfy(c -> assertThat(c.globalId())
                .as("AWS gives mandatory controls no global id").isEmpty());
        assertThat(selectable).hasSizeGreaterThanOrEqualTo(25);
        assertThat(all).allSatisfy(c -> {
            assertThat(c.meaning()).isNotBlank();
            c.globalId().ifPresent(id -> assertThat(id).matches("[a-z0-9]{20,32}"));
        });
        assertThat(all).extracting(ControlDefinition::behavior).contains(ControlBehavior.values());
        assertThat(all.stream().map(ControlDefinition::globalId).flatMap(java.util.Optional::stream))
                .as("no id given to two controls").doesNotHaveDuplicates();
        assertThat(ControlCatalog.nearest("ct.multiservice.pv.2", 1)).containsExactly("CT.MULTISERVICE.PV.1");
    }
}
