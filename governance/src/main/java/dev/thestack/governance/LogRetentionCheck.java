package dev.thestack.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds every log that would be kept forever: each {@code AWS::Logs::LogGroup} without {@code RetentionInDays}, and
 * each {@code AWS::Lambda::Function} (custom-resource handlers included) without a log group of its own, for which
 * Lambda would create {@code /aws/lambda/<name>} on first use with no retention. A synthesis that lists anything
 * must be refused. It reads the synthesized templates, so it sees every resource whatever construct made it (the
 * CDK's own custom-resource providers write their functions as plain {@code CfnResource}s).
 */
public final class LogRetentionCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String FUNCTION = "AWS::Lambda::Function";
    /** The CDK's {@code logRetention} custom resource: sets a retention on a log group named after a function. */
    private static final String LOG_RETENTION = "Custom::LogRetention";

    private LogRetentionCheck() {
    }

    /** After synthesis (the assembly is cached, so this synthesizes nothing again): findings of every stack. */
    public static List<String> findWithoutRetention(Stage app) {
        List<String> findings = new ArrayList<>();
        for (CloudFormationStackArtifact stack : app.synth().getStacksRecursively()) {
            List<Finding> found = find(read(stack.getTemplateFullPath()));
            if (!found.isEmpty()) {
                // construct paths only when there is something to name: reading them costs jsii calls
                Map<String, String> paths = new HashMap<>();
                stack.findMetadataByType("aws:cdk:logicalId").forEach(m -> paths.put(String.valueOf(m.getData()),
                        m.getPath().substring(1)));
                found.forEach(f -> findings.add(f.describe(paths.getOrDefault(f.logicalId(),
                        stack.getStackName() + "/" + f.logicalId()))));
            }
        }
        return findings;
    }

    /** One line per offending resource of one template, named by logical id: type and what is missing. */
    public static List<String> findWithoutRetention(JsonNode template) {
        return find(template).stream().map(f -> f.describe(f.logicalId())).toList();
    }

    private record Finding(String logicalId, String type, String problem) {
        String describe(String name) {
            return name + " (" + type + ") " + problem;
        }
    }

    private static List<Finding> find(JsonNode template) {
        JsonNode resources = template.path("Resources");
        List<Finding> findings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String type = entry.getValue().path("Type").asText();
            JsonNode properties = entry.getValue().path("Properties");
            if (LOG_GROUP.equals(type) && !properties.hasNonNull("RetentionInDays")) {
                findings.add(new Finding(entry.getKey(), type, "has no RetentionInDays: its logs would never expire"));
            } else if (FUNCTION.equals(type) && !hasOwnLogGroup(entry.getKey(), properties, resources)) {
                findings.add(new Finding(entry.getKey(), type, "has no log group of its own: Lambda would create "
                        + "/aws/lambda/<name> without retention (give it a log group with a retention)"));
            }
        }
        return findings;
    }

    /**
     * A function's logs have a retention when it names a log group ({@code LoggingConfig.LogGroup}, which this check
     * then sees as a log group), or when the template holds a log group or a {@code Custom::LogRetention} for
     * {@code /aws/lambda/<its name>}.
     */
    private static boolean hasOwnLogGroup(String logicalId, JsonNode properties, JsonNode resources) {
        if (properties.path("LoggingConfig").hasNonNull("LogGroup")) {
            return true;
        }
        JsonNode functionName = properties.path("FunctionName");
        for (JsonNode resource : resources) {
            String type = resource.path("Type").asText();
            if (!LOG_GROUP.equals(type) && !LOG_RETENTION.equals(type)) {
                continue;
            }
            JsonNode name = resource.path("Properties").path("LogGroupName");
            boolean literal = functionName.isTextual() && name.isTextual()
                    && name.asText().equals("/aws/lambda/" + functionName.asText());
            boolean derived = name.toString().contains("/aws/lambda/") && references(name, logicalId);
            if (literal || derived) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code node} contains {@code {"Ref": logicalId}} anywhere (e.g. inside a Fn::Join). */
    private static boolean references(JsonNode node, String logicalId) {
        if (node.isObject() && logicalId.equals(node.path("Ref").asText(null))) {
            return true;
        }
        for (JsonNode child : node) {
            if (references(child, logicalId)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String templatePath) {
        try {
            return JSON.readTree(new File(templatePath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the synthesized template " + templatePath, e);
        }
    }
}
