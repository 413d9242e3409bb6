package dev.thestack.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.thestack.model.YamlReader.Format;

/**
 * Parses and validates stack.yaml. Either every check passes and a {@link StackConfig} comes back, or a
 * {@link ConfigException} lists every problem found, each with its key path and a fix.
 */
public final class StackConfigLoader {
    static final Format ACCOUNT_ID = new Format(Pattern.compile("\\d{12}"), "a 12-digit account id",
            "write the 12 digits in quotes, e.g. id: \"012345678901\"");
    /** What Organizations accepts for an account email: 6 to 64 characters, a plain local part and domain. */
    static final Format EMAIL = new Format(Pattern.compile(
            "(?=.{6,64}$)[A-Za-z0-9%+_-]+(\\.[A-Za-z0-9%+_-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}"),
            "an email address AWS accepts (6 to 64 characters)", "write it as name@domain, e.g. aws-prod@example.com");
    /** Names end up in stack names and resource names, so they keep to what both accept. */
    static final Format NAME = new Format(Pattern.compile("[a-z][a-z0-9-]{0,39}"), "a valid name",
            "use lower-case letters, digits and '-', starting with a letter, at most 40 characters (e.g. prod-eu)");
    static final Format OU_NAME = new Format(Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,127}"), "a valid OU name",
            "use letters, digits, spaces, '_', '.' and '-', at most 128 characters (e.g. Workloads)");
    static final Format ORG_ID = new Format(Pattern.compile("o-[a-z0-9]{10,32}"), "an Organizations id",
            "copy it from `aws organizations describe-organization` (o- and 10 to 32 letters or digits)");
    static final Format ROOT_ID = new Format(Pattern.compile("r-[0-9a-z]{4,32}"), "a root id",
            "copy it from `aws organizations list-roots` (r- and 4 to 32 letters or digits)");
    /** AWS tag keys: no aws: prefix (reserved), the characters tag policies accept, at most 128. */
    static final Format TAG_KEY = new Format(Pattern.compile("(?!aws:)[\\p{L}\\p{N} _.:/=+@-]{1,128}"), "a usable tag key",
            "use letters, digits, spaces and _.:/=+-@, at most 128 characters, not starting with aws:");
    /** AWS tag values: the same characters, at most 256; cost centres end up as tag values. */
    static final Format TAG_VALUE = new Format(Pattern.compile("[\\p{L}\\p{N} _.:/=+@-]{1,256}"), "a usable tag value",
            "use letters, digits, spaces and _.:/=+-@, at most 256 characters (it becomes the CostCenter tag)");
    /** Tag policy resource types: service:type or service:* (Organizations' enforced_for syntax). */
    static final Format RESOURCE_TYPE = new Format(Pattern.compile("[a-z0-9-]+:([A-Za-z0-9-]+|\\*)"),
            "a resource type", "write service:type or service:*, as AWS's \"Services and resource types that support "
            + "enforcement\" page lists them");
    /** Alarm descriptions (at most 1024 characters) carry the link: the base keeps well inside that. */
    static final Format HTTPS_URL = new Format(Pattern.compile("https://[^\\s]{1,200}"), "an https:// URL of at most 200 characters",
            "give the https:// address where runbooks/alarms is published");
    /** The values CloudWatch Logs accepts for a log group's retention. */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    static final int DEFAULT_LOG_RETENTION_DAYS = 30;
    /** AWS Organizations nests OUs at most five levels below the root. */
    static final int MAX_OU_DEPTH = 5;

    /** Duplicate keys are errors: silently keeping the last one would hide half of what the user wrote. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private StackConfigLoader() {
    }

    public static StackConfig load(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file.toString(), List.of(new Problem("(file)", "is a directory",
                        "pass the stack.yaml file inside it: --config " + file.resolve("stack.yaml"))));
            }
            text = utf8(Files.readAllBytes(file), file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of(new Problem("(file)", "does not exist",
                    "create it (the repository's stack.yaml is a complete example) or pass --config PATH")));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new Problem("(file)", "cannot be read: " + e.getMessage(),
                    "check the path and its permissions")));
        }
        return parse(text, file.toString());
    }

    private static String utf8(byte[] bytes, Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), List.of(new Problem("(file)", "is not UTF-8 text",
                    "save it as UTF-8 (iconv -f LATIN1 -t UTF-8), or check it is the right file")));
        }
    }

    public static StackConfig parse(String yaml, String source) {
        List<Problem> unsupported = YamlFeatureCheck.check(yaml);
        if (!unsupported.isEmpty()) {
            throw new ConfigException(source, unsupported);
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            boolean duplicate = e.getOriginalMessage().startsWith("Duplicate field");
            // SnakeYAML names its parser events in some messages; they mean nothing to the person editing the file
            String detail = e.getOriginalMessage().contains("org.yaml.snakeyaml")
                    ? "a key that is not a plain value" : e.getOriginalMessage();
            throw new ConfigException(source, List.of(new Problem("(syntax)", (duplicate ? "a key appears twice"
                    : "not valid YAML") + where + ": " + detail,
                    duplicate ? "keep one of the two (YAML would silently drop the first)"
                            : "fix the indentation or quoting there")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, List.of(new Problem("(file)", "is empty",
                    "describe the organization; the repository's stack.yaml is a complete example")));
        }
        YamlReader reader = new YamlReader();
        Optional<StackConfig> config = new Validation(reader).read(root);
        if (!reader.problems().isEmpty() || config.isEmpty()) {
            throw new ConfigException(source, reader.problems());
        }
        return config.get();
    }

    /** One validation run: reads every section, then checks what spans sections. */
    private static final class Validation {
        private final YamlReader r;

        /** OUs whose parent is unknown, by path, with the key path that declares them. */
        private final Map<String, String> orphanedOus = new LinkedHashMap<>();
        /** Where each OU is declared, by OU path, e.g. organizationalUnits[2]. */
        private final Map<String, String> ouKeyPaths = new HashMap<>();
        private final GovernanceValidation governance;

        Validation(YamlReader reader) {
            this.r = reader;
            this.governance = new GovernanceValidation(reader);
        }

        Optional<StackConfig> read(JsonNode root) {
            if (r.mapping(root, "(root)", List.of("organization", "tags", "runbooks", "teams", "services",
                    "environments", "organizationalUnits", "accounts", "tenants", "controlTower", "alarmRouting",
                    TracingValidation.SECTION)).isEmpty()) {
                return Optional.empty();
            }
            Optional<Organization> organization = organization(root);
            Optional<ControlTower> controlTower = governance.controlTower(root);
            CostTags tags = tags(root);
            Optional<Runbooks> runbooks = runbooks(root);
            List<Team> teams = named(root, "teams", true, this::team, Team::name);
            List<Environment> environments = named(root, "environments", true, this::environment, Environment::name);
            Map<String, Team> teamsByName = index(teams, Team::name);
            List<ServiceOwner> services = services(root, teamsByName.keySet());
            Optional<AlarmRouting> alarmRouting = new RoutingValidation(r).read(root, environments, teams);
            Tracing tracing = new TracingValidation(r).tracing(root, services);
            List<OrganizationalUnit> ous = organizationalUnits(root, controlTower, organization);
            Set<String> ouPaths = new LinkedHashSet<>(ous.stream().map(OrganizationalUnit::path).toList());
            Set<String> environmentNames = index(environments, Environment::name).keySet();
            List<Account> accounts = accounts(root, organization, ouPaths, environmentNames, teamsByName.keySet());
            List<Tenant> tenants = tenants(root, accounts);
            controlTower.ifPresent(tower -> {
                governance.checkLandingZone(tower, ous, ouKeyPaths, accounts, root);
                governance.checkPlacement(tower, ous, ouKeyPaths, accounts.stream()
                        .filter(a -> a.role() == AccountRole.LOGS).findFirst().flatMap(Account::ouPath));
            });
            if (organization.isEmpty() || runbooks.isEmpty()) {
                return Optional.empty();
            }
            StackConfig config = new StackConfig(organization.get(), tags, runbooks.get(), teams, services,
                    environments, ous, accounts, tenants, controlTower, alarmRouting, tracing);
            checkPinnedTagValues(config, root);
            return Optional.of(config);
        }

        private Optional<Organization> organization(JsonNode root) {
            String path = "organization";
            return r.requiredMapping(root, "", path, List.of("name", "id", "rootId", "homeRegion", "governedRegions"))
                    .flatMap(node -> {
                        Optional<String> name = r.matching(node, path, "name", true, NAME);
                        Optional<String> id = r.matching(node, path, "id", true, ORG_ID);
                        Optional<String> rootId = r.matching(node, path, "rootId", true, ROOT_ID);
                        List<String> governed = r.stringList(node, path, "governedRegions", true, "region",
                                this::checkRegion);
                        Optional<String> home = r.string(node, path, "homeRegion", true);
                        home.ifPresent(h -> {
                            if (checkRegion(path + ".homeRegion", h) && !governed.isEmpty()
                                    && !governed.contains(h)) {
                                r.problem(path + ".homeRegion", "'" + h + "' is not one of governedRegions",
                                        "add " + h + " to organization.governedRegions or pick one of " + governed);
                            }
                        });
                        if (name.isEmpty() || id.isEmpty() || rootId.isEmpty() || home.isEmpty() || governed.isEmpty()) {
                            return Optional.empty();
                        }
                        return Optional.of(new Organization(name.get(), id.get(), rootId.get(), home.get(), governed));
                    });
        }

        private boolean checkRegion(String path, String region) {
            if (AwsRegions.COMMERCIAL.contains(region)) {
                return true;
            }
            if (AwsRegions.isOtherPartition(region)) {
                r.problem(path, "'" + region + "' is in another AWS partition (China, GovCloud or ISO)",
                        "use commercial regions only: an organization and its ARNs live in one partition");
            } else {
                r.problem(path, "'" + region + "' is not an AWS region", YamlReader.suggestion(region, AwsRegions.COMMERCIAL)
                        .map(s -> "did you mean " + s + "? ").orElse("") + "write a region such as eu-west-1");
            }
            return false;
        }

        private CostTags tags(JsonNode root) {
            Optional<JsonNode> node = r.mapping(root.get("tags"), "tags", List.of("required", "tenantTag",
                    "allowedValues", "enforcedFor"));
            if (node.isEmpty()) {
                return CostTags.defaults();
            }
            List<String> required = node.get().has("required")
                    ? r.stringList(node.get(), "tags", "required", true, "tag", (path, tag) -> {
                        if (CostTags.FILLABLE.contains(tag)) {
                            return true;
                        }
                        r.problem(path, "the toolkit cannot fill tag '" + tag + "'",
                                "use only tags it derives from the model: " + String.join(", ", CostTags.FILLABLE));
                        return false;
                    })
                    : CostTags.FILLABLE;
            String tenantTag = r.matching(node.get(), "tags", "tenantTag", false, TAG_KEY).filter(key -> {
                // tag policies key their rules by the lower-cased tag key, and IAM compares tag keys ignoring case
                if (CostTags.FILLABLE.stream().anyMatch(key::equalsIgnoreCase)) {
                    r.problem("tags.tenantTag", "'" + key + "' is already one of the cost tags the toolkit fills",
                            "name the tenant tag differently, e.g. Tenant");
                    return false;
                }
                return true;
            }).orElse(CostTags.defaults().tenantTag());
            Map<String, List<String>> allowed = new LinkedHashMap<>();
            List<String> everyKey = new ArrayList<>(CostTags.FILLABLE);
            everyKey.add(tenantTag);
            r.mapping(node.get().get("allowedValues"), "tags.allowedValues", everyKey)
                    .ifPresent(values -> values.fieldNames().forEachRemaining(key -> {
                        if (everyKey.contains(key) && !tagKeys(required, tenantTag).contains(key)) {
                            r.problem("tags.allowedValues." + key, key + " is not in tags.required, so no resource carries it",
                                    "add " + key + " to tags.required, or remove its allowed values");
                        } else if (everyKey.contains(key)) {
                            allowed.put(key, r.stringList(values, "tags.allowedValues", key, true, "value",
                                    (path, value) -> checkFormat(path, value, TAG_VALUE)));
                        }
                    }));
            List<String> enforcedFor = r.stringList(node.get(), "tags", "enforcedFor", false, "resource type",
                    (path, value) -> checkFormat(path, value, RESOURCE_TYPE));
            return new CostTags(required, tenantTag, allowed, enforcedFor);
        }

        private static List<String> tagKeys(List<String> required, String tenantTag) {
            List<String> keys = new ArrayList<>(required);
            keys.add(tenantTag);
            return keys;
        }

        private boolean checkFormat(String path, String value, Format format) {
            if (format.pattern().matcher(value).matches()) {
                return true;
            }
            r.problem(path, "'" + value + "' is not " + format.noun(), format.fix());
            return false;
        }

        /**
         * A value the model writes into a tag must be one the tag policy allows, or every resource carrying it would
         * be reported (or, where enforced, refused). Reported where the value is written.
         */
        private void checkPinnedTagValues(StackConfig config, JsonNode root) {
            config.tags().allowedValues().forEach((key, allowed) -> {
                for (String value : config.usedTagValues(key)) {
                    if (!allowed.contains(value)) {
                        r.problem(whereTagValueComesFrom(root, key, value), "'" + value + "' is not an allowed " + key
                                        + " value (tags.allowedValues." + key + ": " + String.join(", ", allowed) + ")",
                                "use one of the allowed values, or add '" + value + "' to tags.allowedValues." + key);
                    }
                }
            });
        }

        private static String whereTagValueComesFrom(JsonNode root, String key, String value) {
            String list = switch (key) {
                case "Service" -> "services";
                case "Environment" -> "environments";
                case "Team", "CostCenter" -> "teams";
                default -> "tenants";
            };
            String field = key.equals("CostCenter") ? "costCenter" : "name";
            JsonNode items = root.path(list);
            for (int i = 0; i < items.size(); i++) {
                if (value.equals(items.get(i).path(field).asText())) {
                    return list + "[" + i + "]." + field;
                }
            }
            return "tags.allowedValues." + key;
        }

        private Optional<Runbooks> runbooks(JsonNode root) {
            return r.requiredMapping(root, "", "runbooks", List.of("baseUrl"))
                    .flatMap(node -> r.matching(node, "runbooks", "baseUrl", true, HTTPS_URL))
                    .map(Runbooks::new);
        }

        private Optional<Team> team(JsonNode node, String path) {
            if (r.mapping(node, path, List.of("name", "email", "costCenter")).isEmpty()) {
                return Optional.empty();
            }
            Optional<String> name = r.matching(node, path, "name", true, NAME);
            Optional<String> email = r.matching(node, path, "email", true, EMAIL);
            Optional<String> costCenter = r.matching(node, path, "costCenter", true, TAG_VALUE);
            if (name.isEmpty() || email.isEmpty() || costCenter.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Team(name.get(), email.get(), costCenter.get()));
        }

        private Optional<Environment> environment(JsonNode node, String path) {
            if (r.mapping(node, path, List.of("name", "logRetentionDays", "paging")).isEmpty()) {
                return Optional.empty();
            }
            Optional<String> name = r.matching(node, path, "name", true, NAME);
            int retention = r.integer(node, path, "logRetentionDays").orElse(DEFAULT_LOG_RETENTION_DAYS);
            if (!LOG_RETENTION_DAYS.contains(retention)) {
                int nearest = LOG_RETENTION_DAYS.stream().min((a, b) -> Math.abs(a - retention) - Math.abs(b - retention))
                        .orElseThrow();
                r.problem(path + ".logRetentionDays", retention + " is not a retention CloudWatch Logs accepts",
                        "use " + nearest + " (accepted: " + LOG_RETENTION_DAYS + ")");
            }
            boolean paging = r.bool(node, path, "paging", false);
            name.filter(CostTags.SHARED_ENVIRONMENT::equals).ifPresent(n -> r.problem(path + ".name",
                    "'" + n + "' is reserved: it is the environment of the accounts that run none (management, logs, "
                    + "audit, monitoring), in tags and in alarm routing", "name the environment differently"));
            return name.map(n -> new Environment(n, retention, paging));
        }

        private List<ServiceOwner> services(JsonNode root, Set<String> teamNames) {
            List<ServiceOwner> owners = named(root, "services", false, (node, path) -> {
                if (r.mapping(node, path, List.of("name", "team")).isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> name = r.string(node, path, "name", true).filter(n -> {
                    if (StackConfig.KNOWN_SERVICES.contains(n)) {
                        return true;
                    }
                    r.unknownReference(path + ".name", "service", n, StackConfig.KNOWN_SERVICES);
                    return false;
                });
                Optional<String> team = reference(node, path, "team", true, "team", teamNames);
                return name.flatMap(n -> team.map(t -> new ServiceOwner(n, t)));
            }, ServiceOwner::service);
            // from the raw entries: a service whose entry has another problem is not also "without owner"
            Set<String> owned = new LinkedHashSet<>();
            if (root.path("services").isArray()) {
                root.path("services").forEach(n -> owned.add(n.path("name").asText()));
            }
            for (String service : StackConfig.KNOWN_SERVICES) {
                if (!owned.contains(service)) {
                    r.problem("services", "service '" + service + "' has no owning team",
                            "add '- name: " + service + "' with 'team: <one of " + teamNames + ">' under services");
                }
            }
            return owners;
        }

        private List<OrganizationalUnit> organizationalUnits(JsonNode root, Optional<ControlTower> controlTower,
                                                             Optional<Organization> organization) {
            Map<String, JsonNode> declared = new LinkedHashMap<>();
            Map<String, String> pathOf = new HashMap<>();
            List<JsonNode> items = r.list(root, "", "organizationalUnits", true);
            List<OrganizationalUnit> candidates = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String path = "organizationalUnits[" + i + "]";
                JsonNode node = items.get(i);
                if (node.isNull()) {
                    r.problem(path, "is an empty item", "remove the lone '-' or fill in the item");
                    continue;
                }
                if (r.mapping(node, path, List.of("name", "parent", "id", "policies", "controls")).isEmpty()) {
                    continue;
                }
                Optional<String> name = r.matching(node, path, "name", true, OU_NAME);
                Optional<String> parent = r.string(node, path, "parent", false);
                Optional<String> existingId = r.matching(node, path, "id", false, GovernanceValidation.OU_ID);
                List<ControlSelection> controls = governance.controls(node, path, root.hasNonNull("controlTower"), organization);
                name.ifPresent(n -> {
                    OrganizationalUnit ou = new OrganizationalUnit(n, parent, policies(node, path), existingId, controls);
                    candidates.add(ou);
                    pathOf.put(ou.path(), path);
                    ouKeyPaths.putIfAbsent(ou.path(), path);
                    if (declared.put(ou.path(), node) != null) {
                        r.problem(path + ".name", "OU '" + ou.path() + "' is declared twice",
                                "remove one of the two, or give them different names or parents");
                    }
                });
            }
            duplicates(items.stream().map(n -> n.path("id").asText()).toList(), i -> "organizationalUnits[" + i + "].id",
                    "OU id");
            Set<String> paths = declared.keySet();
            List<OrganizationalUnit> resolved = new ArrayList<>();
            for (OrganizationalUnit ou : candidates) {
                if (ou.parentPath().isPresent() && !paths.contains(ou.parentPath().get())) {
                    orphanedOus.put(ou.path(), pathOf.get(ou.path()));
                } else if (!resolved.contains(ou)) {
                    resolved.add(ou);
                }
            }
            List<String> resolvedPaths = resolved.stream().map(OrganizationalUnit::path).toList();
            Map<String, OrganizationalUnit> orphanByName = new LinkedHashMap<>();
            candidates.stream().filter(ou -> orphanedOus.containsKey(ou.path()))
                    .forEach(ou -> orphanByName.putIfAbsent(ou.name(), ou));
            orphanedOus.forEach((ouPath, declaredAt) -> {
                OrganizationalUnit ou = candidates.stream().filter(c -> c.path().equals(ouPath)).findFirst().orElseThrow();
                Optional<List<String>> cycle = cycleThrough(ou, orphanByName);
                if (cycle.isPresent()) {
                    r.problem(declaredAt + ".parent", "OU '" + ou.name() + "' is its own ancestor: "
                                    + String.join(" -> ", cycle.get()),
                            "break the cycle: one of these OUs must hang from the root (no parent) or from another OU");
                } else {
                    r.unknownReference(declaredAt + ".parent", "OU", ou.parentPath().orElseThrow(), resolvedPaths);
                }
            });
            for (OrganizationalUnit ou : resolved) {
                if (ou.depth() > MAX_OU_DEPTH) {
                    r.problem(pathOf.get(ou.path()) + ".parent", "OU '" + ou.path() + "' is " + ou.depth()
                                    + " levels deep; AWS Organizations allows " + MAX_OU_DEPTH + " below the root",
                            "hang it from a shallower OU");
                }
            }
            return resolved;
        }

        private List<ServiceControlPolicyKind> policies(JsonNode node, String path) {
            List<String> known = java.util.Arrays.stream(ServiceControlPolicyKind.values())
                    .map(ServiceControlPolicyKind::yamlName).toList();
            return r.stringList(node, path, "policies", false, "policy", (itemPath, name) -> {
                if (known.contains(name)) {
                    return true;
                }
                r.unknownReference(itemPath, "policy", name, known);
                return false;
            }).stream().map(name -> ServiceControlPolicyKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')))
                    .toList();
        }

        /** Parents are paths, so a cycle shows as OUs whose parents name each other: follow the names. */
        private static Optional<List<String>> cycleThrough(OrganizationalUnit start, Map<String, OrganizationalUnit> byName) {
            List<String> chain = new ArrayList<>(List.of(start.name()));
            OrganizationalUnit current = start;
            while (current.parentPath().isPresent()) {
                String parent = current.parentPath().get();
                String parentName = parent.substring(parent.lastIndexOf('/') + 1);
                chain.add(parentName);
                if (parentName.equals(start.name())) {
                    return Optional.of(chain);
                }
                current = byName.get(parentName);
                if (current == null || chain.size() > byName.size() + 1) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }

        private List<Account> accounts(JsonNode root, Optional<Organization> org, Set<String> ouPaths,
                                       Set<String> environmentNames, Set<String> teamNames) {
            List<Account> accounts = named(root, "accounts", true, (node, path) -> account(node, path, org, ouPaths,
                    environmentNames, teamNames), Account::name);
            List<JsonNode> nodes = new ArrayList<>();
            if (root.path("accounts").isArray()) {
                root.path("accounts").forEach(nodes::add);
            }
            duplicates(nodes.stream().map(n -> n.path("id").asText()).toList(), i -> "accounts[" + i + "].id",
                    "account id");
            duplicates(nodes.stream().map(n -> n.path("email").asText().toLowerCase(Locale.ROOT)).toList(),
                    i -> "accounts[" + i + "].email", "email");
            // counted from the raw entries so that an account with another problem does not also read as missing
            for (AccountRole role : AccountRole.values()) {
                long count = nodes.stream().filter(n -> role.yamlName().equals(n.path("role").asText())).count();
                if (role == AccountRole.WORKLOAD) {
                    if (count == 0) {
                        r.problem("accounts", "no account has role: workload",
                                "add at least one workload account with an environment");
                    }
                } else if (count == 0) {
                    r.problem("accounts", "no account has role: " + role.yamlName(),
                            "add the " + role.yamlName() + " account (every organization needs one)");
                } else if (count > 1) {
                    r.problem("accounts", count + " accounts have role: " + role.yamlName(),
                            "keep exactly one " + role.yamlName() + " account");
                }
            }
            workloadsInRegionOf(root, accounts, AccountRole.MONITORING, "the monitoring sink",
                    "CloudWatch cross-account links only reach a sink in their own region");
            workloadsInRegionOf(root, accounts, AccountRole.LOGS, "the log delivery destination",
                    "a subscription filter only reaches a CloudWatch Logs destination in its own region");
            return accounts;
        }

        /** Workload accounts must deploy where {@code role}'s account keeps a regional resource they reach. */
        private void workloadsInRegionOf(JsonNode root, List<Account> accounts, AccountRole role, String resource,
                                         String why) {
            accounts.stream().filter(a -> a.role() == role).findFirst().ifPresent(shared ->
                    accounts.stream().filter(a -> a.isWorkload() && !a.region().equals(shared.region()))
                            .forEach(a -> r.problem("accounts[" + indexOf(root, "accounts", a.name()) + "].region",
                                    "workload account '" + a.name() + "' deploys to " + a.region() + " but "
                                            + resource + " is in " + shared.region() + "; " + why,
                                    "deploy it to " + shared.region() + ", or move the " + role.yamlName()
                                            + " account")));
        }

        private Optional<Account> account(JsonNode node, String path, Optional<Organization> org, Set<String> ouPaths,
                                          Set<String> environmentNames, Set<String> teamNames) {
            if (r.mapping(node, path, List.of("name", "id", "email", "role", "ou", "environment", "tenancy", "team",
                    "region")).isEmpty()) {
                return Optional.empty();
            }
            Optional<String> name = r.matching(node, path, "name", true, NAME);
            Optional<String> id = accountId(node, path);
            Optional<String> email = r.matching(node, path, "email", true, EMAIL);
            Optional<AccountRole> role = enumValue(node, path, "role", AccountRole.values(), AccountRole::yamlName, true);
            Optional<String> team = reference(node, path, "team", true, "team", teamNames);
            Optional<String> ou = ouReference(node, path, ouPaths);
            Optional<String> environment = reference(node, path, "environment", false, "environment", environmentNames);
            Optional<Tenancy> tenancy = enumValue(node, path, "tenancy", Tenancy.values(), Tenancy::yamlName, false);
            Optional<String> region = r.string(node, path, "region", false).filter(reg -> {
                if (!checkRegion(path + ".region", reg)) {
                    return false;
                }
                List<String> governed = org.map(Organization::governedRegions).orElse(List.of());
                if (org.isPresent() && !governed.contains(reg)) {
                    r.problem(path + ".region", "'" + reg + "' is not a governed region",
                            "use one of " + governed + " or add it to organization.governedRegions");
                    return false;
                }
                return true;
            });
            role.ifPresent(rl -> checkRolePlacement(node, path, rl));
            if (name.isEmpty() || id.isEmpty() || email.isEmpty() || role.isEmpty() || team.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Account(name.get(), id.get(), email.get(), role.get(), ou, environment,
                    tenancy.orElse(Tenancy.MULTI), team.get(),
                    region.orElseGet(() -> org.map(Organization::homeRegion).orElse(""))));
        }

        private void checkRolePlacement(JsonNode node, String path, AccountRole role) {
            if (role == AccountRole.MANAGEMENT && node.has("ou")) {
                r.problem(path + ".ou", "the management account cannot be placed in an OU",
                        "remove ou: it always sits at the organization root");
            }
            if (role != AccountRole.MANAGEMENT && !node.has("ou")) {
                r.problem(path + ".ou", "missing", "add ou: <path of an OU>, e.g. Workloads/Prod");
            }
            if (role == AccountRole.WORKLOAD && !node.has("environment")) {
                r.problem(path + ".environment", "missing", "a workload account runs one environment: add environment: <name>");
            }
            if (role != AccountRole.WORKLOAD) {
                for (String key : List.of("environment", "tenancy")) {
                    if (node.has(key)) {
                        r.problem(path + "." + key, "only workload accounts have " + key,
                                "remove " + key + " from this " + role.yamlName() + " account");
                    }
                }
            }
        }

        private Optional<String> accountId(JsonNode node, String path) {
            JsonNode id = node.get("id");
            if (id != null && id.isNumber()) {
                r.problem(path + ".id", "account id " + id.asText() + " is written as a number",
                        "quote it (id: \"012345678901\"): YAML drops leading zeros of numbers");
                return Optional.empty();
            }
            return r.matching(node, path, "id", true, ACCOUNT_ID);
        }

        private List<Tenant> tenants(JsonNode root, List<Account> accounts) {
            Map<String, Account> byName = index(accounts, Account::name);
            // names from the raw entries: an account with a problem of its own still exists for its references
            Set<String> declaredAccounts = new LinkedHashSet<>();
            if (root.path("accounts").isArray()) {
                root.path("accounts").forEach(n -> declaredAccounts.add(n.path("name").asText()));
            }
            List<Tenant> tenants = named(root, "tenants", false, (node, path) -> {
                if (r.mapping(node, path, List.of("name", "account")).isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> name = r.matching(node, path, "name", true, NAME);
                Optional<String> account = reference(node, path, "account", true, "account", declaredAccounts)
                        .filter(a -> byName.containsKey(a) && isWorkload(byName.get(a), path));
                return name.flatMap(n -> account.map(a -> new Tenant(n, a)));
            }, Tenant::name);
            for (int i = 0; i < accounts.size(); i++) {
                Account account = accounts.get(i);
                long served = tenants.stream().filter(t -> t.account().equals(account.name())).count();
                if (account.isWorkload() && account.tenancy() == Tenancy.SINGLE && served != 1) {
                    r.problem("accounts[" + indexOf(root, "accounts", account.name()) + "].tenancy",
                            "single-tenant account '" + account.name() + "' serves " + served + " tenants",
                            "list exactly one tenant with account: " + account.name() + " under tenants");
                }
            }
            return tenants;
        }

        private boolean isWorkload(Account account, String tenantPath) {
            if (account.isWorkload()) {
                return true;
            }
            String role = account.role().yamlName();
            r.problem(tenantPath + ".account", "'" + account.name() + "' is " + YamlReader.article(role) + " " + role
                    + " account; tenants are served by workload accounts", "name a workload account");
            return false;
        }

        private static int indexOf(JsonNode root, String list, String name) {
            JsonNode items = root.get(list);
            for (int i = 0; i < items.size(); i++) {
                if (name.equals(items.get(i).path("name").asText())) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * A reference to a named item of another section. When that section is empty its own problem is already
         * reported, so the references to it stay quiet instead of repeating it once per item.
         */
        private Optional<String> reference(JsonNode node, String path, String key, boolean required, String what,
                                           Set<String> known) {
            return r.string(node, path, key, required).filter(value -> {
                if (known.contains(value)) {
                    return true;
                }
                if (!known.isEmpty()) {
                    r.unknownReference(path + "." + key, what, value, known);
                }
                return false;
            });
        }

        /** Like {@link #reference}, but an OU that is only unknown because its own parent is gets named as such. */
        private Optional<String> ouReference(JsonNode node, String path, Set<String> ouPaths) {
            Set<String> declared = new LinkedHashSet<>(ouPaths);
            declared.addAll(orphanedOus.keySet());
            return r.string(node, path, "ou", false).filter(value -> {
                if (ouPaths.contains(value)) {
                    return true;
                }
                Optional<String> nearest = YamlReader.suggestion(value, declared);
                if (nearest.isPresent() && orphanedOus.containsKey(nearest.get())) {
                    String declaredAt = orphanedOus.get(nearest.get());
                    r.problem(path + ".ou", "unknown OU '" + value + "'", declaredAt + " would be '" + nearest.get()
                            + "' but its parent is unknown: fix " + declaredAt + ".parent first");
                } else if (!ouPaths.isEmpty()) {
                    r.unknownReference(path + ".ou", "OU", value, ouPaths);
                }
                return false;
            });
        }

        private <E extends Enum<E>> Optional<E> enumValue(JsonNode node, String path, String key, E[] values,
                                                          Function<E, String> yamlName, boolean required) {
            List<String> names = java.util.Arrays.stream(values).map(yamlName).toList();
            return r.string(node, path, key, required).flatMap(value -> {
                for (E candidate : values) {
                    if (yamlName.apply(candidate).equals(value)) {
                        return Optional.of(candidate);
                    }
                }
                r.problem(path + "." + key, "'" + value + "' is not a " + key, "use one of " + names);
                return Optional.empty();
            });
        }

        /** Reads a list of named items, reporting duplicate names at the second occurrence. */
        private <T> List<T> named(JsonNode root, String key, boolean required, ItemReader<T> item, Function<T, String> name) {
            List<JsonNode> nodes = r.list(root, "", key, required);
            List<T> items = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                String path = key + "[" + i + "]";
                if (nodes.get(i).isNull()) {
                    r.problem(path, "is an empty item", "remove the lone '-' or fill in the item");
                    continue;
                }
                Optional<T> value = item.read(nodes.get(i), path);
                value.ifPresent(v -> {
                    if (!seen.add(name.apply(v))) {
                        r.problem(path + ".name", "'" + name.apply(v) + "' is declared twice in " + key,
                                "give each item of " + key + " its own name");
                    } else {
                        items.add(v);
                    }
                });
            }
            return items;
        }

        /** Reports each repeated value at its second occurrence; blank values are someone else's problem. */
        private void duplicates(List<String> values, java.util.function.IntFunction<String> pathOf, String what) {
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                Integer earlier = value.isBlank() ? null : first.putIfAbsent(value, i);
                if (earlier != null) {
                    r.problem(pathOf.apply(i), what + " '" + value + "' is already used at index " + earlier,
                            "each " + what + " must be unique");
                }
            }
        }

        private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
            Map<String, T> map = new LinkedHashMap<>();
            items.forEach(item -> map.putIfAbsent(key.apply(item), item));
            return map;
        }
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        Optional<T> read(JsonNode node, String path);
    }
}
