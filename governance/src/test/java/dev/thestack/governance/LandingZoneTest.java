package dev.thestack.governance;

import dev.thestack.model.ControlCatalog;
import dev.thestack.model.ControlDefinition;
import dev.thestack.model.ControlGuidance;
import dev.thestack.model.StackConfig;
import dev.thestack.model.StackConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management stack's governance, synthesized once per variant: the repository organization on landing zone 4.0,
 * the same with proactive controls and a lower concurrency cap, and the same on landing zone 3.3.
 */
class LandingZoneTest {
    private static final String PREREQUISITE_ID = "abcdefghij0123456789abcde";
    private static final String S3_HOOK_ID = "bbcdefghij0123456789abcde";
    private static StackConfig config;
    private static Map<String, Map<String, Object>> current;
    private static Map<String, Map<String, Object>> proactive;
    private static Map<String, Map<String, Object>> landingZone33;
    private static LandingZone proactiveLandingZone;

    @BeforeAll
    static void synthesize() throws IOException {
        String yaml = Files.readString(Path.of(System.getProperty("thestack.root", "..")).resolve("stack.yaml"));
        config = StackConfigLoader.parse(yaml, "stack.yaml");
        String withProactive = yaml.replace("      - CT.MULTISERVICE.PV.1 ",
                "      - {control: CT.CLOUDFORMATION.PR.1, catalogId: " + PREREQUISITE_ID + "}\n"
                        + "      - {control: CT.S3.PR.1, catalogId: " + S3_HOOK_ID + "}\n"
                        + "      - CT.MULTISERVICE.PV.1 ")
                .replace("  baselineVersion: \"4.0\"", "  baselineVersion: \"4.0\"\n  maxConcurrentControlOperations: 4")
                .replace("enforcedFor: []", "enforcedFor: [secretsmanager:*]");
        String on33 = yaml.replace("landingZoneVersion: \"4.0\"", "landingZoneVersion: \"3.3\"\n  sandboxOu: Sandbox")
                .replace("  - name: Security\n", "  - name: Security\n    id: ou-ab12-securit1\n")
                .replace("  - name: Sandbox\n", "  - name: Sandbox\n    id: ou-ab12-sandbox1\n");
        App app = App.Builder.create().analyticsReporting(false).build();
        Stack currentStack = managementStack(app, "current", config);
        StackConfig proactiveConfig = StackConfigLoader.parse(withProactive, "proactive");
        Stack proactiveStack = new Stack(app, "proactive", props());
        proactiveLandingZone = new LandingZone(proactiveStack, "ControlTower", proactiveConfig,
                new OrganizationStructure(proactiveStack, "Organization", proactiveConfig));
        Stack stack33 = managementStack(app, "lz33", StackConfigLoader.parse(on33, "3.3"));
        current = resources(currentStack);
        proactive = resources(proactiveStack);
        landingZone33 = resources(stack33);
    }

    private static Stack managementStack(App app, String id, StackConfig model) {
        Stack stack = new Stack(app, id, props());
        new LandingZone(stack, "ControlTower", model, new OrganizationStructure(stack, "Organization", model));
        return stack;
    }

    private static StackProps props() {
        return StackProps.builder().env(Environment.builder().account("111111111111").region("eu-west-1").build()).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Stack stack) {
        return (Map<String, Map<String, Object>>) Template.fromStack(stack).toJSON().get("Resources");
    }

    @Test
    void theLandingZoneManifestFollowsThePinnedVersionsSchema() {
        Map<String, Object> lz = single(current, "AWS::ControlTower::LandingZone");
        Map<String, Object> manifest = map(properties(lz).get("Manifest"));

        assertThat(properties(lz)).containsEntry("Version", "4.0");
        assertThat(manifest).containsOnlyKeys("governedRegions", "centralizedLogging", "config", "backup",
                "securityRoles", "accessManagement");
        assertThat(manifest.get("governedRegions")).isEqualTo(List.of("eu-west-1", "eu-central-1", "us-east-1"));
        assertThat(map(manifest.get("centralizedLogging"))).containsEntry("enabled", true)
                .containsEntry("accountId", Map.of("Fn::GetAtt", List.of(logicalId(current, "Account-log-archive"), "AccountId")))
                .containsEntry("configurations", Map.of("loggingBucket", Map.of("retentionDays", 365),
                        "accessLoggingBucket", Map.of("retentionDays", 3650)));
        assertThat(map(manifest.get("securityRoles"))).containsEntry("enabled", true);
        assertThat(manifest.get("accessManagement")).isEqualTo(Map.of("enabled", true));

        Map<String, Object> manifest33 = map(properties(single(landingZone33, "AWS::ControlTower::LandingZone")).get("Manifest"));
        assertThat(manifest33.get("organizationStructure"))
                .isEqualTo(Map.of("security", Map.of("name", "Security"), "sandbox", Map.of("name", "Sandbox")));
        assertThat(manifest33).doesNotContainKeys("config", "backup");
        assertThat(map(manifest33.get("securityRoles"))).doesNotContainKey("enabled");
    }

    @Test
    void theLandingZoneWaitsForItsServiceRolesAndSharedAccounts() {
        Map<String, Object> lz = single(current, "AWS::ControlTower::LandingZone");
        List<Map<String, Object>> roles = ofType(current, "AWS::IAM::Role");

        assertThat(roles).extracting(r -> properties(r).get("RoleName")).containsExactlyInAnyOrder("AWSControlTowerAdmin",
                "AWSControlTowerCloudTrailRole", "AWSControlTowerStackSetRole", "AWSControlTowerConfigAggregatorRoleForOrganizations");
        assertThat(roles).allSatisfy(r -> assertThat(properties(r)).containsEntry("Path", "/service-role/"));
        assertThat(roles.toString()).contains("service-role/AWSControlTowerCloudTrailRolePolicy",
                "service-role/AWSControlTowerServiceRolePolicy", "service-role/AWSConfigRoleForOrganizations",
                "arn:aws:iam::*:role/AWSControlTowerExecution");
        assertThat(dependsOn(lz)).contains(logicalId(current, "Account-log-archive"), logicalId(current, "Account-audit"))
                .containsAll(logicalIds(current, "AWS::IAM::Role"));
    }

    @Test
    void everyOuIsRegisteredOneAtATimeParentsFirstBeforeAnyControl() {
        List<String> chain = baselineChain(current);

        assertThat(chain).hasSize(config.organizationalUnits().size());
        assertThat(chain.indexOf(logicalId(current, "Baseline:Workloads")))
                .isLessThan(chain.indexOf(logicalId(current, "Baseline:Workloads:Prod")));
        assertThat(single(current, "AWS::ControlTower::EnabledBaseline", chain.get(0)))
                .satisfies(b -> assertThat(dependsOn(b)).contains(logicalIds(current, "AWS::ControlTower::LandingZone").get(0)));
        assertThat(properties(current.get(chain.get(0)))).containsEntry("BaselineIdentifier",
                "arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2").containsEntry("BaselineVersion", "4.0");
        assertThat(dependsOn(current.get(logicalId(current, "Baseline:Workloads:Prod"))))
                .as("registering an OU enrols its accounts, so they exist first")
                .contains(logicalId(current, "Account-prod-multi-tenant"), logicalId(current, "Account-prod-globex"));
        Set<String> controls = new HashSet<>(logicalIds(current, "AWS::ControlTower::EnabledControl"));
        for (String control : controls) {
            assertThat(ancestors(current, control)).as(control).containsAll(chain);
        }
    }

    @Test
    void controlsUseCatalogArnsTargetOuArnsAndNeverIncludeMandatoryOnes() {
        List<Map<String, Object>> controls = ofType(current, "AWS::ControlTower::EnabledControl");
        int selected = config.organizationalUnits().stream().mapToInt(ou -> ou.controls().size()).sum();
        Set<String> mandatory = new HashSet<>();
        ControlCatalog.all().stream().filter(c -> c.guidance() == ControlGuidance.MANDATORY)
                .map(ControlDefinition::name).forEach(mandatory::add);

        assertThat(controls).hasSize(selected);
        assertThat(controls).allSatisfy(c -> {
            String arn = (String) properties(c).get("ControlIdentifier");
            assertThat(arn).matches("arn:aws:controlcatalog:::control/[a-z0-9]{20,32}|arn:aws:controltower:eu-west-1::control/AWS-GR_[A-Z_0-9]+");
            assertThat(mandatory).noneMatch(arn::endsWith);
            assertThat(map(properties(c).get("TargetIdentifier"))).containsKey("Fn::GetAtt");
        });
        Map<String, Object> regionDeny = properties(current.get(logicalId(current, "Control:Workloads:CT.MULTISERVICE.PV.1")));
        assertThat(regionDeny).containsEntry("ControlIdentifier", "arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580")
                .containsEntry("Parameters", List.of(Map.of("Key", "AllowedRegions",
                        "Value", List.of("eu-west-1", "eu-central-1", "us-east-1"))))
                .containsEntry("TargetIdentifier", Map.of("Fn::GetAtt", List.of(logicalId(current, "Ou:Workloads"), "Arn")));
    }

    @Test
    void controlWavesNeverExceedTheConcurrencyLimitAndProactiveControlsFollowTheirPrerequisite() {
        for (var variant : List.of(Map.entry(current, 10), Map.entry(proactive, 4))) {
            List<List<String>> waves = wavesFromTemplate(variant.getKey());
            assertThat(waves).allSatisfy(wave -> assertThat(wave).hasSizeLessThanOrEqualTo(variant.getValue()));
            for (int i = 1; i < waves.size(); i++) {
                for (String control : waves.get(i)) {
                    assertThat(dependsOn(variant.getKey().get(control))).as("each wave waits for the whole previous one")
                            .containsAll(waves.get(i - 1));
                }
            }
        }
        assertThat(wavesFromTemplate(current)).hasSize(3).extracting(List::size).containsExactly(10, 10, 5);
        String prerequisite = logicalId(proactive, "Control:Workloads:CT.CLOUDFORMATION.PR.1");
        String hook = logicalId(proactive, "Control:Workloads:CT.S3.PR.1");
        assertThat(ancestors(proactive, hook)).contains(prerequisite);
        assertThat(properties(proactive.get(hook))).containsEntry("ControlIdentifier", "arn:aws:controlcatalog:::control/" + S3_HOOK_ID);
        assertThat(proactiveLandingZone.waves()).allSatisfy(w -> assertThat(w).hasSizeLessThanOrEqualTo(4));
    }

    @Test
    void onLandingZone33ControlTowerOwnsTheSecurityAndSandboxOus() {
        List<Object> createdOus = ofType(landingZone33, "AWS::Organizations::OrganizationalUnit").stream()
                .map(ou -> properties(ou).get("Name")).toList();
        Map<String, Object> scpOnSecurity = properties(landingZone33.get(logicalId(landingZone33, "Scp:Security:1")));

        assertThat(createdOus).doesNotContain("Security", "Sandbox").contains("Workloads", "Infrastructure");
        assertThat(scpOnSecurity.get("TargetIds")).isEqualTo(List.of("ou-ab12-securit1"));
        assertThat(properties(landingZone33.get(logicalId(landingZone33, "Account-log-archive"))).get("ParentIds"))
                .isEqualTo(List.of("ou-ab12-securit1"));
        assertThat(baselineChain(landingZone33)).as("Control Tower registers its own OUs")
                .hasSize(config.organizationalUnits().size() - 2);
        assertThat(properties(landingZone33.get(logicalId(landingZone33, "Control:Security:AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS"))))
                .containsEntry("TargetIdentifier", "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-securit1");
    }

    @Test
    void theTagPolicyPinsKeysCapitalizationAndValuesAtTheRoot() {
        Map<String, Object> policy = properties(ofType(current, "AWS::Organizations::Policy").stream()
                .filter(p -> "TAG_POLICY".equals(properties(p).get("Type"))).findFirst().orElseThrow());
        Map<String, Object> tags = map(map(policy.get("Content")).get("tags"));

        assertThat(policy.get("TargetIds")).isEqualTo(List.of("r-a1b2"));
        assertThat(tags).containsOnlyKeys("service", "environment", "team", "costcenter", "tenant");
        assertThat(tags.get("costcenter")).isEqualTo(Map.of("tag_key", Map.of("@@assign", "CostCenter"),
                "tag_value", Map.of("@@assign", List.of("CC-1000", "CC-2000"))));
        assertThat(map(tags.get("environment")).get("tag_value"))
                .isEqualTo(Map.of("@@assign", List.of("prod", "integration", "dev", "shared")));
        assertThat(map(tags.get("tenant")).get("tag_value")).as("only single-tenant accounts carry the tenant tag")
                .isEqualTo(Map.of("@@assign", List.of("globex")));
        Map<String, Object> enforced = map(map(properties(ofType(proactive, "AWS::Organizations::Policy").stream()
                .filter(p -> "TAG_POLICY".equals(properties(p).get("Type"))).findFirst().orElseThrow()).get("Content")).get("tags"));
        assertThat(map(enforced.get("team")).get("enforced_for")).isEqualTo(Map.of("@@assign", List.of("secretsmanager:*")));
    }

    // ---- reading the template ----

    /** Groups EnabledControls by the longest chain of EnabledControls they wait for: the waves. */
    private static List<List<String>> wavesFromTemplate(Map<String, Map<String, Object>> resources) {
        List<String> controls = logicalIds(resources, "AWS::ControlTower::EnabledControl");
        Map<Integer, List<String>> byDepth = new java.util.TreeMap<>();
        controls.forEach(c -> byDepth.computeIfAbsent(depth(resources, c, controls), k -> new ArrayList<>()).add(c));
        return new ArrayList<>(byDepth.values());
    }

    private static int depth(Map<String, Map<String, Object>> resources, String control, List<String> controls) {
        return dependsOn(resources.get(control)).stream().filter(controls::contains)
                .mapToInt(parent -> depth(resources, parent, controls) + 1).max().orElse(0);
    }

    /** The baselines in dependency order; fails unless each one waits for exactly the one before it. */
    private static List<String> baselineChain(Map<String, Map<String, Object>> resources) {
        List<String> baselines = logicalIds(resources, "AWS::ControlTower::EnabledBaseline");
        Map<String, String> previous = new HashMap<>();
        for (String baseline : baselines) {
            List<String> before = dependsOn(resources.get(baseline)).stream().filter(baselines::contains).toList();
            assertThat(before).as("%s waits for at most one other baseline", baseline).hasSizeLessThanOrEqualTo(1);
            before.forEach(b -> previous.put(baseline, b));
        }
        List<String> chain = new ArrayList<>();
        baselines.stream().filter(b -> !previous.containsKey(b)).forEach(chain::add);
        assertThat(chain).as("one baseline starts the chain").hasSize(1);
        while (chain.size() < baselines.size()) {
            String last = chain.get(chain.size() - 1);
            chain.add(previous.entrySet().stream().filter(e -> e.getValue().equals(last)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("baselines do not form one chain")));
        }
        return chain;
    }

    private static Set<String> ancestors(Map<String, Map<String, Object>> resources, String id) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(dependsOn(resources.get(id)));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next) && resources.containsKey(next)) {
                todo.addAll(dependsOn(resources.get(next)));
            }
        }
        return seen;
    }

    @SuppressWarnings("unchecked")
    private static List<String> dependsOn(Map<String, Object> resource) {
        return (List<String>) resource.getOrDefault("DependsOn", List.of());
    }

    private static String logicalId(Map<String, Map<String, Object>> resources, String constructId) {
        String prefix = constructId.replaceAll("[^A-Za-z0-9]", "");
        return resources.keySet().stream().filter(k -> k.matches("(Organization|ControlTower)" + prefix + "[0-9A-F]{8}"))
                .findFirst().orElseThrow(() -> new AssertionError("no resource for construct " + constructId));
    }

    private static List<String> logicalIds(Map<String, Map<String, Object>> resources, String type) {
        return resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type"))).map(Map.Entry::getKey).toList();
    }

    private static List<Map<String, Object>> ofType(Map<String, Map<String, Object>> resources, String type) {
        return resources.values().stream().filter(r -> type.equals(r.get("Type"))).toList();
    }

    private static Map<String, Object> single(Map<String, Map<String, Object>> resources, String type) {
        List<Map<String, Object>> found = ofType(resources, type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> single(Map<String, Map<String, Object>> resources, String type, String id) {
        assertThat(resources.get(id).get("Type")).isEqualTo(type);
        return resources.get(id);
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
