package dev.thestack.governance;

import software.amazon.awscdk.AspectOptions;
import software.amazon.awscdk.AspectPriority;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.TagManager;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Finds every taggable CloudFormation resource that lacks one of the required cost-allocation tags. It runs as a
 * read-only aspect, after the tagging aspects, so it sees the tags each resource will really carry; a synthesis
 * whose check lists anything must be refused (untagged spend cannot be allocated).
 */
public final class RequiredTagsCheck implements IAspect {
    private final List<String> required;
    private final List<String> findings = new ArrayList<>();

    private RequiredTagsCheck(List<String> required) {
        this.required = List.copyOf(required);
    }

    /** Attaches the check to {@code scope} (usually the app); read {@link #findings()} after synthesis. */
    public static RequiredTagsCheck attach(IConstruct scope, List<String> required) {
        RequiredTagsCheck check = new RequiredTagsCheck(required);
        Aspects.of(scope).add(check, AspectOptions.builder().priority(AspectPriority.READONLY).build());
        return check;
    }

    @Override
    public void visit(IConstruct node) {
        if (!(node instanceof CfnResource resource) || !Boolean.TRUE.equals(TagManager.isTaggable(resource))) {
            return;
        }
        Map<String, String> tags = TagManager.of(resource).tagValues();
        List<String> missing = required.stream().filter(key -> tags == null || !tags.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            findings.add(node.getNode().getPath() + " (" + resource.getCfnResourceType() + ") lacks " + String.join(", ", missing));
        }
    }

    /** One line per resource without every required tag: construct path, type, and the missing keys. */
    public List<String> findings() {
        return Collections.unmodifiableList(findings);
    }
}
