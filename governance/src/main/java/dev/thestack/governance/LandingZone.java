package dev.thestack.governance;

import dev.thestack.model.StableJson;
import dev.thestack.model.Account;
import dev.thestack.model.AccountRole;
import dev.thestack.model.ControlCatalog;
import dev.thestack.model.ControlSelection;
import dev.thestack.model.ControlTower;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.StackConfig;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.controltower.CfnEnabledBaseline;
import software.amazon.awscdk.services.controltower.CfnEnabledControl;
import software.amazon.awscdk.services.controltower.CfnLandingZone;
import software.constructs.Construct;
import software.amazon.awscdk.CfnResource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Control Tower landing zone and what governs each OU, in the order Control Tower accepts them: the service
 * roles, the landing zone (after the log archive and audit accounts exist), then each OU registered with
 * AWSControlTowerBaseline one at a time (Control Tower runs one OU operation at a time), then the controls in
 * waves no larger than its limit of concurrent control operations, proactive ones after their prerequisite.
 */
public final class LandingZone extends Construct {
    /** AWSControlTowerBaseline, the baseline that registers an OU (and enrols its accounts). */
    public static final String CONTROL_TOWER_BASELINE_ID = "17BSJV3IGJ2QSGA2";

    /** One control enabled on one OU. */
    public record EnabledControl(String ouPath, ControlSelection selection, CfnEnabledControl resource) {
    }

    private final CfnLandingZone landingZone;
    private final ControlTowerRoles roles;
    private final Map<String, CfnEnabledBaseline> baselines = new LinkedHashMap<>();
    private final List<List<EnabledControl>> waves = new ArrayList<>();

    public LandingZone(Construct scope, String id, StackConfig config, OrganizationStructure organization) {
        super(scope, id);
        ControlTower tower = config.controlTower().orElseThrow(() -> new IllegalArgumentException("no controlTower in the model"));
        roles = new ControlTowerRoles(this, "ServiceRoles");
        Map<String, Object> manifest = LandingZoneManifest.of(config,
                account -> organization.accountsByName().get(account.name()).getAttrAccountId());
        landingZone = CfnLandingZone.Builder.create(this, "LandingZone")
                .version(tower.version().text())
                .manifest(StableJson.sorted(manifest))
                .build();
        roles.roles().forEach(role -> landingZone.addResourceDependency((CfnResource) role.getNode().getDefaultChild()));
        for (AccountRole shared : List.of(AccountRole.LOGS, AccountRole.AUDIT)) {
            landingZone.addResourceDependency(organization.accountsByName().get(config.accountWithRole(shared).name()));
        }
        organization.createdUnits().values().forEach(landingZone::addResourceDependency);

        CfnResource last = registerOus(config, tower, organization);
        enableControls(config, organization, last);
    }

    /** Registers every OU this stack may govern, parents first, one after the other; answers the last resource. */
    private CfnResource registerOus(StackConfig config, ControlTower tower, OrganizationStructure organization) {
        Optional<Map<String, Object>> identityCenter = identityCenterParameter(tower);
        CfnResource previous = landingZone;
        for (OrganizationalUnit ou : OrganizationStructure.treeOrder(config.organizationalUnits())) {
            Optional<OrganizationStructure.OuReference> reference = organization.reference(ou.path());
            if (reference.isEmpty() || OrganizationStructure.ownedByControlTower(config, ou)) {
                continue;
            }
            CfnEnabledBaseline.Builder baseline = CfnEnabledBaseline.Builder.create(this, "Baseline:" + ou.path().replace('/', ':'))
                    .baselineIdentifier("arn:aws:controltower:" + config.organization().homeRegion() + "::baseline/"
                            + CONTROL_TOWER_BASELINE_ID)
                    .baselineVersion(tower.baselineVersion())
                    .targetIdentifier(reference.get().arn());
            identityCenter.ifPresent(parameter -> baseline.parameters(Fn.conditionIf(
                    parameter.get("condition").toString(), List.of(parameter.get("value")), Aws.NO_VALUE)));
            CfnEnabledBaseline resource = baseline.build();
            resource.addResourceDependency(previous);
            // accounts already in the OU are enrolled by its registration
            for (Account account : config.accounts()) {
                if (account.ouPath().equals(Optional.of(ou.path()))) {
                    resource.addResourceDependency(organization.accountsByName().get(account.name()));
                }
            }
            baselines.put(ou.path(), resource);
            previous = resource;
        }
        return previous;
    }

    /**
     * With Identity Center managed by Control Tower, the baseline takes the ARN of the enabled IdentityCenterBaseline,
     * which only exists once the landing zone does: a parameter, empty on the first deploy.
     */
    private Optional<Map<String, Object>> identityCenterParameter(ControlTower tower) {
        if (!tower.identityCenter()) {
            return Optional.empty();
        }
        Stack stack = Stack.of(this);
        CfnParameter arn = CfnParameter.Builder.create(stack, "IdentityCenterEnabledBaselineArn")
                .type("String")
                .defaultValue("")
                .allowedPattern("^$|^arn:aws:controltower:[a-z0-9-]+:\\d{12}:enabledbaseline/[A-Za-z0-9]+$")
                .constraintDescription("the enabled IdentityCenterBaseline's ARN (aws controltower list-enabled-baselines), or empty")
                .description("ARN of the enabled IdentityCenterBaseline; empty on the first deploy, before the landing zone exists")
                .build();
        CfnCondition given = CfnCondition.Builder.create(stack, "HasIdentityCenterEnabledBaseline")
                .expression(Fn.conditionNot(Fn.conditionEquals(arn.getValueAsString(), "")))
                .build();
        // inside Fn::If the L1 property mapper does not run: the CloudFormation key names are written as they appear
        return Optional.of(Map.of("condition", given.getLogicalId(), "value",
                StableJson.sorted(Map.of("Key", "IdentityCenterEnabledBaselineArn", "Value", arn.getValueAsString()))));
    }

    private void enableControls(StackConfig config, OrganizationStructure organization, CfnResource afterRegistration) {
        List<List<ControlPlan.Step>> planned = ControlPlan.waves(config);
        Map<String, CfnEnabledControl> prerequisites = new LinkedHashMap<>();
        List<CfnResource> previousWave = List.of(afterRegistration);
        for (List<ControlPlan.Step> wave : planned) {
            List<EnabledControl> created = new ArrayList<>();
            for (ControlPlan.Step item : wave) {
                CfnEnabledControl.Builder control = CfnEnabledControl.Builder.create(this,
                                "Control:" + item.ou().path().replace('/', ':') + ":" + item.selection().name())
                        .controlIdentifier(item.selection().controlArn(config.organization().homeRegion()))
                        .targetIdentifier(organization.reference(item.ou().path()).orElseThrow().arn());
                if (!item.selection().parameters().isEmpty()) {
                    control.parameters(item.selection().parameters().entrySet().stream()
                            .map(p -> (Object) CfnEnabledControl.EnabledControlParameterProperty.builder()
                                    .key(p.getKey()).value(p.getValue()).build())
                            .toList());
                }
                CfnEnabledControl resource = control.build();
                previousWave.forEach(resource::addResourceDependency);
                if (item.selection().name().equals(ControlCatalog.HOOKS_PREREQUISITE)) {
                    prerequisites.put(item.ou().path(), resource);
                }
                if (item.selection().control().isProactive()) {
                    prerequisites.entrySet().stream().filter(p -> item.ou().isWithin(p.getKey()))
                            .forEach(p -> resource.addResourceDependency(p.getValue()));
                }
                created.add(new EnabledControl(item.ou().path(), item.selection(), resource));
            }
            waves.add(List.copyOf(created));
            previousWave = created.stream().map(c -> (CfnResource) c.resource()).toList();
        }
    }

    public ControlTowerRoles roles() {
        return roles;
    }

    public CfnLandingZone landingZone() {
        return landingZone;
    }

    public Map<String, CfnEnabledBaseline> baselines() {
        return Collections.unmodifiableMap(baselines);
    }

    public List<List<EnabledControl>> waves() {
        return Collections.unmodifiableList(waves);
    }
}
