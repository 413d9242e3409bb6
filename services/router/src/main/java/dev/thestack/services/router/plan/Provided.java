package dev.thestack.services.router.plan;

import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.SelectionSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@code @provides} lets the current subgraph resolve below a field though the fields are external to it,
 * by field name (type conditions of the field set are merged: a provided field is provided on every type).
 */
record Provided(Map<String, Provided> children) {
    static final Provided NOTHING = new Provided(Map.of());

    static Provided of(SelectionSet fieldSet) {
        Map<String, Provided> children = new LinkedHashMap<>();
        add(fieldSet, children);
        return new Provided(children);
    }

    private static void add(SelectionSet set, Map<String, Provided> children) {
        if (set == null) {
            return;
        }
        for (graphql.language.Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                Provided below = of(field.getSelectionSet());
                children.merge(field.getName(), below, Provided::merge);
            } else if (selection instanceof InlineFragment fragment) {
                add(fragment.getSelectionSet(), children);
            }
        }
    }

    boolean has(String field) {
        return children.containsKey(field);
    }

    Provided child(String field) {
        return children.getOrDefault(field, NOTHING);
    }

    static Provided merge(Provided a, Provided b) {
        if (a.children.isEmpty()) {
            return b;
        }
        if (b.children.isEmpty()) {
            return a;
        }
        Map<String, Provided> merged = new LinkedHashMap<>(a.children);
        b.children.forEach((name, below) -> merged.merge(name, below, Provided::merge));
        return new Provided(merged);
    }
}
