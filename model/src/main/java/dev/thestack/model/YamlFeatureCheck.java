package dev.thestack.model;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses the YAML features the tree reader would get wrong instead of failing: anchors and aliases (read back as the
 * anchor's label, not its value), explicit tags, and more than one document (all but the first ignored). A config
 * file gains nothing from them that plain repetition does not give.
 */
final class YamlFeatureCheck {
    private YamlFeatureCheck() {
    }

    static List<Problem> check(String yaml) {
        List<Problem> problems = new ArrayList<>();
        int documents = 0;
        LoaderOptions options = new LoaderOptions();
        try {
            for (Event event : new Yaml(options).parse(new StringReader(yaml))) {
                String where = "line " + (event.getStartMark().getLine() + 1);
                if (event instanceof DocumentStartEvent && ++documents == 2) {
                    problems.add(new Problem("(syntax)", "a second YAML document starts at " + where,
                            "keep the whole organization in one document: remove the '---' separator"));
                } else if (event instanceof AliasEvent alias) {
                    problems.add(new Problem("(syntax)", "alias *" + alias.getAnchor() + " at " + where
                            + " is not supported", "write the value out in full instead of referring to an anchor"));
                } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    problems.add(new Problem("(syntax)", "anchor &" + node.getAnchor() + " at " + where
                            + " is not supported", "remove the anchor and write values out in full"));
                }
                String tag = event instanceof ScalarEvent scalar && !scalar.getImplicit().canOmitTagInPlainScalar()
                        && !scalar.getImplicit().canOmitTagInNonPlainScalar() ? scalar.getTag()
                        : event instanceof CollectionStartEvent collection && !collection.getImplicit() ? collection.getTag()
                        : null;
                if (tag != null) {
                    problems.add(new Problem("(syntax)", "explicit tag " + tag + " at " + where + " is not supported",
                            "remove the tag; write the plain value"));
                }
            }
        } catch (YAMLException e) {
            // not ours to word: the tree reader reports syntax errors with their position
            return List.of();
        }
        return problems;
    }
}
