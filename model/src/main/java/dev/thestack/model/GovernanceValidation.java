package dev.thestack.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.model.YamlReader.Format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the controlTower section and each OU's controls, and checks what Control Tower itself would refuse at
 * deploy time (an hour into a landing zone operation): unknown, mandatory or console-only controls, controls the
 * 3.x security OU may not carry, proactive controls without their prerequisite, and OUs Control Tower 3.3 creates
 * that CloudFormation cannot yet refer to.
 */
final class GovernanceValidation {
    static final Format OU_ID = new Format(Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}"), "an OU id",
            "copy it from `aws organizations list-organizational-units-for-parent --parent-id <root or OU id>`");
    static final Format CATALOG_ID = new Format(Pattern.compile("[a-z0-9]{20,32}"), "a Control Catalog id",
            "give the id part of arn:aws:controlcatalog:::control/<id> (20 to 32 lower-case letters and digits)");
    private static final Format BASELINE_VERSION = new Format(Pattern.compile("\\d+\\.\\d+"), "a baseline version",
            "write it as major.minor, e.g. \"4.0\" (aws controltower list-baselines shows the current one)");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("arn:aws:(iam|sts)::(\\d{12}|\\*):[A-Za-z0-9+=,.@_/*-]+");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*]+");

    private final YamlReader r;

    GovernanceValidation(YamlReader reader) {
        this.r = reader;
    }

    Optional<ControlTower> controlTower(JsonNode root) {
        String path = "controlTower";
        Optional<JsonNode> node = r.mapping(root.get(path), path, List.of("landingZoneVersion", "sandboxOu",
                "logRetentionDays", "accessLogRetentionDays", "identityCenter", "baselineVersion",
                "maxConcurrentControlOperations"));
        if (node.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = node.get();
        Optional<LandingZoneVersion> version = r.string(n, path, "landingZoneVersion", true).flatMap(text -> {
            for (LandingZoneVersion v : LandingZoneVersion.values()) {
                if (v.text().equals(text)) {
                    return Optional.of(v);
                }
            }
            r.problem(path + ".landingZoneVersion", "landing zone version '" + text + "' is not one the toolkit builds",
                    "use one of " + LandingZoneVersion.texts() + " (quoted, e.g. landingZoneVersion: \"4.0\")");
            return Optional.empty();
        });
        Optional<String> sandbox = r.string(n, path, "sandboxOu", false);
        String retentionLimit = " (Control Tower keeps logs at most " + ControlTower.MAX_LOG_RETENTION_DAYS + " days, 15 years)";
        int logDays = inRange(n, path, "logRetentionDays", ControlTower.DEFAULT_LOG_RETENTION_DAYS,
                ControlTower.MAX_LOG_RETENTION_DAYS, retentionLimit);
        int accessDays = inRange(n, path, "accessLogRetentionDays", ControlTower.DEFAULT_ACCESS_LOG_RETENTION_DAYS,
                ControlTower.MAX_LOG_RETENTION_DAYS, retentionLimit);
        int concurrency = inRange(n, path, "maxConcurrentControlOperations", ControlTower.CONTROL_OPERATIONS_LIMIT,
                ControlTower.CONTROL_OPERATIONS_LIMIT, " (Control Tower runs at most " + ControlTower.CONTROL_OPERATIONS_LIMIT
                        + " control operations at once)");
        String baseline = r.matching(n, path, "baselineVersion", false, BASELINE_VERSION)
                .orElse(ControlTower.DEFAULT_BASELINE_VERSION);
        boolean identityCenter = r.bool(n, path, "identityCenter", true);
        return version.map(v -> new ControlTower(v, sandbox, logDays, accessDays, identityCenter, baseline, concurrency));
    }

    /** Checks that need the OUs and accounts: where the security and sandbox OUs are, and who can refer to them. */
    void checkLandingZone(ControlTower tower, List<OrganizationalUnit> ous, Map<String, String> ouKeyPaths,
                          List<Account> accounts, JsonNode root) {
        Optional<Account> logs = accounts.stream().filter(a -> a.role() == AccountRole.LOGS).findFirst();
        Optional<Account> audit = accounts.stream().filter(a -> a.role() == AccountRole.AUDIT).findFirst();
        if (logs.isPresent() && audit.isPresent() && !logs.get().ouPath().equals(audit.get().ouPath())) {
            r.problem(accountPath(root, audit.get()) + ".ou", "the audit account is in " + audit.get().ouPath().orElse("?")
                            + " but the log archive account is in " + logs.get().ouPath().orElse("?")
                            + "; Control Tower needs the accounts of its logging and security integrations under one OU",
                    "put both in the same OU (the security OU), e.g. ou: " + logs.get().ouPath().orElse("Security"));
            return;
        }
        if (tower.version() == LandingZoneVersion.V4_0) {
            tower.sandboxOu().ifPresent(s -> r.problem("controlTower.sandboxOu",
                    "landing zone 4.0 has no sandbox OU (its manifest has no organizationStructure)",
                    "remove sandboxOu, or pin landingZoneVersion: \"3.3\""));
            return;
        }
        if (tower.sandboxOu().isEmpty()) {
            r.problem("controlTower.sandboxOu", "missing: landing zone 3.3 creates a sandbox OU and needs its name",
                    "add sandboxOu: <name of a top-level OU>, e.g. Sandbox");
            return;
        }
        Map<String, OrganizationalUnit> byPath = new LinkedHashMap<>();
        ous.forEach(ou -> byPath.put(ou.path(), ou));
        String sandboxPath = tower.sandboxOu().get();
        if (!byPath.containsKey(sandboxPath)) {
            r.unknownReference("controlTower.sandboxOu", "OU", sandboxPath, byPath.keySet());
            return;
        }
        logs.flatMap(Account::ouPath).ifPresent(securityPath -> {
            if (securityPath.equals(sandboxPath)) {
                r.problem("controlTower.sandboxOu", "the sandbox OU cannot be the security OU (" + securityPath + ")",
                        "name another top-level OU as the sandbox");
                return;
            }
            for (String createdByControlTower : List.of(securityPath, sandboxPath)) {
                checkCreatedByControlTower(byPath.get(createdByControlTower), ous, ouKeyPaths, accounts, root);
            }
        });
    }

    /**
     * Landing zone 3.3 creates the security and sandbox OUs itself, under the root, so CloudFormation has no id for
     * them until they exist. Anything that must name their id waits for stack.yaml to give it.
     */
    private void checkCreatedByControlTower(OrganizationalUnit ou, List<OrganizationalUnit> ous,
                                            Map<String, String> ouKeyPaths, List<Account> accounts, JsonNode root) {
        String at = ouKeyPaths.get(ou.path());
        if (ou.parentPath().isPresent()) {
            r.problem(at + ".parent", "landing zone 3.3 creates OU '" + ou.name() + "' directly under the root",
                    "remove parent: from it");
            return;
        }
        if (ou.existingId().isPresent()) {
            return;
        }
        String fix = "for the first deploy leave this out (Control Tower creates the OU with the landing zone); "
                + "once it exists, set " + at + ".id to its id (aws organizations list-organizational-units-for-parent "
                + "--parent-id <root id>) and put it back";
        String why = "landing zone 3.3 creates OU '" + ou.name() + "', so CloudFormation cannot refer to it before "
                + at + ".id is set";
        if (!ou.policies().isEmpty()) {
            r.problem(at + ".policies", why + " (to attach service control policies)", fix);
        }
        if (!ou.controls().isEmpty()) {
            r.problem(at + ".controls", why + " (to enable controls)", fix);
        }
        ous.stream().filter(child -> child.parentPath().equals(Optional.of(ou.path()))).forEach(child ->
                r.problem(ouKeyPaths.get(child.path()) + ".parent", why + " (to create OU '" + child.name() + "' in it)", fix));
        accounts.stream().filter(a -> a.ouPath().equals(Optional.of(ou.path()))
                        && a.role() != AccountRole.LOGS && a.role() != AccountRole.AUDIT)
                .forEach(a -> r.problem(accountPath(root, a) + ".ou", why + " (to place account '" + a.name() + "' in it)",
                        // an account needs some OU: leaving ou: out is an error of its own
                        "for the first deploy put the account in another OU (or leave the account out) (Control Tower"
                                + " creates the OU with the landing zone); once it exists, set " + at + ".id to its id"
                                + " (aws organizations list-organizational-units-for-parent --parent-id <root id>)"
                                + " and move the account back"));
    }

    /** The controls of one OU, each checked against the catalog, its parameters and the landing zone. */
    List<ControlSelection> controls(JsonNode ouNode, String ouKeyPath, boolean towerDeclared,
                                    Optional<Organization> org) {
        List<JsonNode> items = r.list(ouNode, ouKeyPath, "controls", false);
        if (!items.isEmpty() && !towerDeclared) {
            r.problem(ouKeyPath + ".controls", "controls need a Control Tower landing zone",
                    "add a controlTower: section (see README, stack.yaml reference), or remove the controls");
            return List.of();
        }
        List<ControlSelection> selected = new ArrayList<>();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        Map<String, String> byCatalogId = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = ouKeyPath + ".controls[" + i + "]";
            Optional<ControlSelection> control = control(items.get(i), path, org);
            control.ifPresent(c -> {
                Integer earlier = firstIndex.putIfAbsent(c.name(), selected.size());
                String sameId = c.catalogId().map(id -> byCatalogId.putIfAbsent(id, c.name())).orElse(null);
                if (earlier != null) {
                    r.problem(path, "control " + c.name() + " is already listed on this OU", "list it once");
                } else if (sameId != null) {
                    r.problem(path, c.name() + " has the same Control Catalog id as " + sameId + " on this OU",
                            "two controls cannot share an id: check both catalogId values");
                } else {
                    selected.add(c);
                }
            });
        }
        return selected;
    }

    private Optional<ControlSelection> control(JsonNode item, String path, Optional<Organization> org) {
        Optional<String> name;
        JsonNode details = null;
        if (item != null && item.isObject()) {
            if (r.mapping(item, path, List.of("control", "catalogId", "parameters")).isEmpty()) {
                return Optional.empty();
            }
            details = item;
            name = r.string(item, path, "control", true);
            path = path + ".control";
        } else if (item != null && item.isTextual()) {
            name = Optional.of(item.asText().trim());
        } else {
            r.problem(path, "expected a control name or a mapping with control:, catalogId: and parameters:",
                    "write e.g. - AWS-GR_RESTRICT_ROOT_USER");
            return Optional.empty();
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String itemPath = details == null ? path : path.substring(0, path.length() - ".control".length());
        if (name.get().equals(ControlCatalog.LANDING_ZONE_REGION_DENY)) {
            r.problem(path, name.get() + " is the landing zone's region deny, which Control Tower only changes in its console",
                    "enable " + ControlCatalog.REGION_DENY + " (the OU region deny) instead; it takes AllowedRegions");
            return Optional.empty();
        }
        Optional<ControlDefinition> definition = ControlCatalog.find(name.get());
        if (definition.isEmpty()) {
            r.problem(path, "unknown control '" + name.get() + "'", "nearest known: "
                    + String.join(", ", ControlCatalog.nearest(name.get(), 3)) + " (`./stack controls` lists them all)");
            return Optional.empty();
        }
        ControlDefinition control = definition.get();
        if (control.guidance() == ControlGuidance.MANDATORY) {
            r.problem(path, control.name() + " is mandatory: Control Tower applies it to every registered OU itself "
                    + "and its API refuses to enable it", "remove it from the list");
            return Optional.empty();
        }
        // a missing id is already reported; the control is kept so that its placement is checked in the same run
        Optional<String> catalogId = catalogId(details, itemPath, control);
        Map<String, Object> parameters = parameters(details, itemPath, control, org);
        return Optional.of(new ControlSelection(control, catalogId, parameters));
    }

    private Optional<String> catalogId(JsonNode details, String itemPath, ControlDefinition control) {
        Optional<String> given = details == null ? Optional.empty()
                : r.matching(details, itemPath, "catalogId", false, CATALOG_ID);
        if (given.isPresent() && control.globalId().isPresent() && !given.equals(control.globalId())) {
            r.problem(itemPath + ".catalogId", "'" + given.get() + "' is not the Control Catalog id of " + control.name()
                    + " (" + control.globalId().get() + ")", "remove catalogId: the toolkit knows this control's id");
            return Optional.empty();
        }
        if (given.isPresent() && control.globalId().isEmpty()) {
            Optional<ControlDefinition> owner = ControlCatalog.all().stream()
                    .filter(other -> other.globalId().equals(given)).findFirst();
            if (owner.isPresent()) {
                r.problem(itemPath + ".catalogId", "'" + given.get() + "' is the Control Catalog id of " + owner.get().name()
                        + ", not of " + control.name(), "give " + control.name() + "'s own id (aws controlcatalog list-controls)");
                return Optional.empty();
            }
        }
        if (given.isEmpty() && control.globalId().isEmpty() && !control.addressableByName()
                && (details == null || !details.hasNonNull("catalogId"))) {
            r.problem(itemPath, "the toolkit does not carry the Control Catalog id of " + control.name()
                            + " (no public AWS source gave it)",
                    "look it up with aws controlcatalog list-controls --query \"Controls[?contains(Aliases, '"
                            + control.name() + "')].Arn\" and write - {control: " + control.name() + ", catalogId: <id>}");
        }
        return given.or(control::globalId);
    }

    private Map<String, Object> parameters(JsonNode details, String itemPath, ControlDefinition control,
                                           Optional<Organization> org) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String path = itemPath + ".parameters";
        if (details != null && details.hasNonNull("parameters") && control.parameters().isEmpty()) {
            r.problem(path, control.name() + " takes no parameters", "remove parameters:");
            return parameters;
        }
        Optional<JsonNode> node = details == null ? Optional.empty()
                : r.mapping(details.get("parameters"), path, control.parameters());
        node.ifPresent(n -> n.fieldNames().forEachRemaining(key -> {
            if (!control.parameters().contains(key)) {
                return;
            }
            if (key.equals("ExemptAssumeRoot")) {
                if (!n.get(key).isBoolean() || !n.get(key).asBoolean()) {
                    r.problem(path + "." + key, "ExemptAssumeRoot only takes true (Control Tower refuses false)",
                            "write ExemptAssumeRoot: true, or remove it");
                } else {
                    parameters.put(key, true);
                }
                return;
            }
            List<String> values = r.stringList(n, path, key, true, "value", (valuePath, value) ->
                    parameterValue(key, valuePath, value, org));
            parameters.put(key, values);
        }));
        if (control.name().equals(ControlCatalog.REGION_DENY) && org.isPresent()) {
            List<String> allowed = parameters.containsKey("AllowedRegions")
                    ? listOf(parameters.get("AllowedRegions")) : org.get().governedRegions();
            parameters.put("AllowedRegions", allowed);
            if (!allowed.contains(org.get().homeRegion())) {
                r.problem(path + ".AllowedRegions", "the home region " + org.get().homeRegion()
                                + " is missing: Control Tower and this toolkit's stacks run there",
                        "add " + org.get().homeRegion() + " to AllowedRegions (or omit AllowedRegions: it defaults to governedRegions)");
            }
        }
        return parameters;
    }

    @SuppressWarnings("unchecked")
    private static List<String> listOf(Object value) {
        return (List<String>) value;
    }

    private boolean parameterValue(String key, String path, String value, Optional<Organization> org) {
        switch (key) {
            case "AllowedRegions" -> {
                if (!AwsRegions.COMMERCIAL.contains(value)) {
                    r.problem(path, "'" + value + "' is not an AWS region", YamlReader.suggestion(value, AwsRegions.COMMERCIAL)
                            .map(s -> "did you mean " + s + "?").orElse("write a region such as eu-west-1"));
                    return false;
                }
                List<String> governed = org.map(Organization::governedRegions).orElse(List.of(value));
                if (!governed.contains(value)) {
                    r.problem(path, "'" + value + "' is not a governed region, so Control Tower does not govern it",
                            "add it to organization.governedRegions, or remove it from AllowedRegions");
                    return false;
                }
                return true;
            }
            case "ExemptedPrincipalArns" -> {
                return check(PRINCIPAL_ARN, path, value, "an IAM or STS principal ARN",
                        "e.g. arn:aws:iam::*:role/BreakGlass (wildcards allowed)");
            }
            default -> {
                return check(ACTION, path, value, "an IAM action", "write service:Action, e.g. iam:CreateRole");
            }
        }
    }

    private boolean check(Pattern pattern, String path, String value, String noun, String fix) {
        if (pattern.matcher(value).matches()) {
            return true;
        }
        r.problem(path, "'" + value + "' is not " + noun, fix);
        return false;
    }

    /** Where a control may not go: the 3.x security OU limits, and the hooks prerequisite of proactive controls. */
    void checkPlacement(ControlTower tower, List<OrganizationalUnit> ous, Map<String, String> ouKeyPaths,
                        Optional<String> securityOuPath) {
        for (OrganizationalUnit ou : ous) {
            for (int i = 0; i < ou.controls().size(); i++) {
                ControlSelection control = ou.controls().get(i);
                String path = ouKeyPaths.get(ou.path()) + ".controls[" + i + "]";
                if (tower.version().controlTowerCreatesSecurityAndSandboxOus()
                        && securityOuPath.equals(Optional.of(ou.path())) && !control.control().allowedInSecurityOu()) {
                    r.problem(path, "Control Tower " + tower.version().text() + " does not allow " + control.name()
                                    + " (" + control.control().behavior().label() + ") on the security OU " + ou.path(),
                            "enable it on other OUs; on the security OU only Config-rule controls and a short list of "
                                    + "SCP controls are allowed (landing zone 4.0 lifts this)");
                }
                if (control.control().isProactive() && !hasHooksPrerequisite(ou, ous)) {
                    r.problem(path, "proactive control " + control.name() + " needs "
                                    + ControlCatalog.HOOKS_PREREQUISITE + " on OU " + ou.path() + " or above it",
                            "add {control: " + ControlCatalog.HOOKS_PREREQUISITE + ", catalogId: <id>} to this OU's controls");
                }
            }
        }
    }

    private static boolean hasHooksPrerequisite(OrganizationalUnit ou, List<OrganizationalUnit> ous) {
        return ous.stream().filter(candidate -> ou.isWithin(candidate.path()))
                .anyMatch(candidate -> candidate.controls().stream()
                        .anyMatch(c -> c.name().equals(ControlCatalog.HOOKS_PREREQUISITE)));
    }

    private int inRange(JsonNode node, String path, String key, int fallback, int max, String why) {
        Optional<Integer> value = r.integer(node, path, key);
        if (value.isPresent() && (value.get() < 1 || value.get() > max)) {
            r.problem(path + "." + key, value.get() + " is out of range", "give 1 to " + max + why);
            return fallback;
        }
        return value.orElse(fallback);
    }

    private static String accountPath(JsonNode root, Account account) {
        JsonNode accounts = root.path("accounts");
        for (int i = 0; i < accounts.size(); i++) {
            if (account.name().equals(accounts.get(i).path("name").asText())) {
                return "accounts[" + i + "]";
            }
        }
        return "accounts";
    }
}
