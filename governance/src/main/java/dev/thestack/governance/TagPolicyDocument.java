package dev.thestack.governance;

import dev.thestack.model.ConfigException;
import dev.thestack.model.Problem;
import dev.thestack.model.StackConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The organization's tag policy: for each cost-allocation tag, its exact capitalization and allowed values, and the
 * resource types for which Organizations refuses non-compliant tagging instead of only reporting it.
 */
public final class TagPolicyDocument {
    /** Organizations' limit on a tag policy document, in characters. */
    public static final int MAX_TAG_POLICY_CHARACTERS = 10_000;

    private TagPolicyDocument() {
    }

    /** The tag keys the policy governs: the required cost tags, and the tenant tag when some account serves one tenant. */
    public static List<String> keys(StackConfig config) {
        List<String> keys = new ArrayList<>(config.tags().required());
        if (!config.usedTagValues(config.tags().tenantTag()).isEmpty()) {
            keys.add(config.tags().tenantTag());
        }
        return keys;
    }

    public static Map<String, Object> of(StackConfig config) {
        Map<String, Object> tags = new LinkedHashMap<>();
        for (String key : keys(config)) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("tag_key", Map.of("@@assign", key));
            rule.put("tag_value", Map.of("@@assign", config.allowedTagValues(key)));
            if (!config.tags().enforcedFor().isEmpty()) {
                rule.put("enforced_for", Map.of("@@assign", config.tags().enforcedFor()));
            }
            // the policy's own keys are lower case; tag_key carries the capitalization every resource must use
            tags.put(key.toLowerCase(Locale.ROOT), rule);
        }
        Map<String, Object> document = Map.of("tags", tags);
        int size = size(document);
        if (size > MAX_TAG_POLICY_CHARACTERS) {
            throw new ConfigException("stack.yaml", List.of(new Problem("tags", "the tag policy would be " + size
                    + " characters, over Organizations' limit of " + MAX_TAG_POLICY_CHARACTERS,
                    "enforce fewer resource types (tags.enforcedFor) or pin fewer allowed values")));
        }
        return document;
    }

    static int size(Map<String, Object> document) {
        return PolicySize.of(document);
    }
}
