package dev.thestack.governance;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.TagManager;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds every taggable CloudFormation resource that lacks one of the required cost-allocation tags. Run it after
 * synthesis, when the tagging aspects have applied every tag; a synthesis that lists anything must be refused
 * (untagged spend cannot be allocated). It walks the tree once from Java rather than as an aspect: an aspect is
 * called back across the jsii boundary for every construct, which cost seconds on the whole organization.
 */
public final class RequiredTagsCheck {
    private RequiredTagsCheck() {
    }

    /** One line per resource below {@code scope} without every required tag: path, type, missing keys. */
    public static List<String> findUntagged(IConstruct scope, List<String> required) {
        List<String> findings = new ArrayList<>();
        for (IConstruct node : scope.getNode().findAll()) {
            if (!(node instanceof CfnResource resource) || !Boolean.TRUE.equals(TagManager.isTaggable(resource))) {
                continue;
            }
            Map<String, String> tags = TagManager.of(resource).tagValues();
            List<String> missing = required.stream().filter(key -> tags == null || !tags.containsKey(key)).toList();
            if (!missing.isEmpty()) {
                findings.add(node.getNode().getPath() + " (" + resource.getCfnResourceType() + ") lacks "
                        + String.join(", ", missing));
            }
        }
        return findings;
    }
}
