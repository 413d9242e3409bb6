package dev.thestack.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Writes a model back as stack.yaml, fully explicit (defaults spelled out), so that what the toolkit understood
 * can be shown and re-read: {@code parse(write(config))} equals {@code config}.
 */
public final class StackConfigWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private StackConfigWriter() {
    }

    private static void tracing(ObjectNode node, Tracing tracing) {
        node.put("kmsEncryption", tracing.kmsEncryption());
        ArrayNode rules = node.putArray("samplingRules");
        tracing.samplingRules().forEach(rule -> {
            ObjectNode item = rules.addObject().put("name", rule.name()).put("priority", rule.priority())
                    .put("fixedRate", rule.fixedRate()).put("reservoirSize", rule.reservoirSize())
                    .put("serviceName", rule.serviceName()).put("serviceType", rule.serviceType())
                    .put("host", rule.host()).put("httpMethod", rule.httpMethod()).put("urlPath", rule.urlPath())
                    .put("resourceArn", rule.resourceArn());
            if (!rule.attributes().isEmpty()) {
                ObjectNode attributes = item.putObject("attributes");
                rule.attributes().forEach(attributes::put);
            }
            rule.boostOnErrors().ifPresent(boost -> item.putObject("boostOnErrors").put("maxRate", boost.maxRate())
                    .put("cooldownWindowMinutes", boost.cooldownWindowMinutes()));
        });
        ArrayNode groups = node.putArray("groups");
        tracing.groups().forEach(group -> groups.addObject().put("name", group.name()).put("filter", group.filter())
                .put("insights", group.insights()).put("notifications", group.notifications()));
    }

    public static String toYaml(StackConfig config) {
        ObjectNode root = YAML.createObjectNode();
        Organization org = config.organization();
        ObjectNode organization = root.putObject("organization");
        organization.put("name", org.name()).put("id", org.id()).put("rootId", org.rootId())
                .put("homeRegion", org.homeRegion());
        org.governedRegions().forEach(organization.putArray("governedRegions")::add);
        ObjectNode tags = root.putObject("tags");
        config.tags().required().forEach(tags.putArray("required")::add);
        tags.put("tenantTag", config.tags().tenantTag());
        if (!config.tags().allowedValues().isEmpty()) {
            ObjectNode allowed = tags.putObject("allowedValues");
            config.tags().allowedValues().forEach((key, values) -> values.forEach(allowed.putArray(key)::add));
        }
        config.tags().enforcedFor().forEach(tags.withArray("enforcedFor")::add);
        config.controlTower().ifPresent(tower -> {
            ObjectNode node = root.putObject("controlTower").put("landingZoneVersion", tower.version().text());
            tower.sandboxOu().ifPresent(sandbox -> node.put("sandboxOu", sandbox));
            node.put("logRetentionDays", tower.logRetentionDays())
                    .put("accessLogRetentionDays", tower.accessLogRetentionDays())
                    .put("identityCenter", tower.identityCenter())
                    .put("baselineVersion", tower.baselineVersion())
                    .put("maxConcurrentControlOperations", tower.maxConcurrentControlOperations());
        });
        root.putObject("runbooks").put("baseUrl", config.runbooks().baseUrl());
        ArrayNode teams = root.putArray("teams");
        config.teams().forEach(t -> teams.addObject().put("name", t.name()).put("email", t.email())
                .put("costCenter", t.costCenter()));
        ArrayNode services = root.putArray("services");
        config.services().forEach(s -> services.addObject().put("name", s.service()).put("team", s.team()));
        ArrayNode environments = root.putArray("environments");
        config.environments().forEach(e -> environments.addObject().put("name", e.name())
                .put("logRetentionDays", e.logRetentionDays()).put("paging", e.paging()));
        config.alarmRouting().ifPresent(routing -> {
            ObjectNode node = root.putObject("alarmRouting");
            ArrayNode destinations = node.putArray("destinations");
            routing.destinations().forEach(d -> {
                ObjectNode item = destinations.addObject().put("name", d.name()).put("type", d.type().yamlName());
                d.endpointParameter().ifPresent(v -> item.put("endpointParameter", v));
                d.slackWorkspaceId().ifPresent(v -> item.put("slackWorkspaceId", v));
                d.slackChannelId().ifPresent(v -> item.put("slackChannelId", v));
                d.address().ifPresent(v -> item.put("address", v));
            });
            ArrayNode routes = node.putArray("routes");
            routing.routes().forEach(route -> {
                ObjectNode item = routes.addObject().put("name", route.name());
                route.severities().forEach(s -> item.withArray("severities").add(s.yamlName()));
                route.environments().forEach(e -> item.withArray("environments").add(e));
                route.teams().forEach(t -> item.withArray("teams").add(t));
                item.put("destination", route.destination());
            });
            node.put("catchAll", routing.catchAll());
        });
        ArrayNode ous = root.putArray("organizationalUnits");
        config.organizationalUnits().forEach(ou -> {
            ObjectNode node = ous.addObject().put("name", ou.name());
            ou.parentPath().ifPresent(p -> node.put("parent", p));
            ou.existingId().ifPresent(id -> node.put("id", id));
            ou.policies().forEach(policy -> node.withArray("policies").add(policy.yamlName()));
            ou.controls().forEach(control -> {
                ObjectNode item = node.withArray("controls").addObject().put("control", control.name());
                control.catalogId().filter(id -> control.control().globalId().isEmpty())
                        .ifPresent(id -> item.put("catalogId", id));
                if (!control.parameters().isEmpty()) {
                    item.set("parameters", YAML.valueToTree(control.parameters()));
                }
            });
        });
        ArrayNode accounts = root.putArray("accounts");
        config.accounts().forEach(a -> {
            ObjectNode node = accounts.addObject().put("name", a.name()).put("id", a.id()).put("email", a.email())
                    .put("role", a.role().yamlName());
            a.ouPath().ifPresent(ou -> node.put("ou", ou));
            a.environment().ifPresent(env -> node.put("environment", env));
            if (a.isWorkload()) {
                node.put("tenancy", a.tenancy().yamlName());
            }
            node.put("team", a.team()).put("region", a.region());
        });
        ArrayNode tenants = root.putArray("tenants");
        config.tenants().forEach(t -> tenants.addObject().put("name", t.name()).put("account", t.account()));
        tracing(root.putObject(TracingValidation.SECTION), config.tracing());
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the model as YAML", e);
        }
    }
}
