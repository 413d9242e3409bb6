package dev.thestack.services.router.plan;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selection the planner builds for one subgraph fetch, in the order fields were first asked for. Fields
 * with the same response name merge; a field whose response name is taken by another field is a planner bug
 * (the planner aliases its own fields away from the client's), so it fails loudly.
 */
final class SelectionTree {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private sealed interface Entry permits FieldEntry, FragmentEntry {
    }

    private record FieldEntry(String responseName, String name, List<Argument> arguments, String argumentsText,
                              SelectionTree children) implements Entry {
    }

    private record FragmentEntry(String typeCondition, SelectionTree children) implements Entry {
    }

    /** Adds the field (or finds it) and returns where its subfields go; null for a leaf. */
    SelectionTree field(String responseName, String name, List<Argument> arguments, boolean composite) {
        String argumentsText = argumentsText(arguments);
        Entry existing = entries.get(responseName);
        if (existing instanceof FieldEntry field) {
            if (!field.name().equals(name) || !field.argumentsText().equals(argumentsText)) {
                throw new IllegalStateException("response name " + responseName + " is used for " + field.name()
                        + field.argumentsText() + " and " + name + argumentsText + " in one fetch");
            }
            return field.children();
        }
        FieldEntry created = new FieldEntry(responseName, name, arguments, argumentsText, composite ? new SelectionTree() : null);
        entries.put(responseName, created);
        return created.children();
    }

    SelectionTree leaf(String name) {
        return field(name, name, List.of(), false);
    }

    SelectionTree fragment(String typeCondition) {
        Entry existing = entries.computeIfAbsent("... on " + typeCondition, key -> new FragmentEntry(typeCondition, new SelectionTree()));
        return ((FragmentEntry) existing).children();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Adds selections as they are (the planner's own: keys and requirements). */
    void addAll(List<Selection> selections) {
        for (Selection selection : selections) {
            if (selection instanceof FieldSelection field) {
                SelectionTree children = field(field.responseName(), field.name(), field.arguments(), !field.selections().isEmpty());
                if (children != null) {
                    children.addAll(field.selections());
                }
            } else if (selection instanceof FragmentSelection fragment) {
                fragment(fragment.typeCondition()).addAll(fragment.selections());
            }
        }
    }

    List<Selection> toSelections() {
        List<Selection> selections = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry instanceof FieldEntry field) {
                selections.add(new FieldSelection(field.responseName(), field.name(), field.arguments(),
                        field.children() == null ? List.of() : field.children().toSelections()));
            } else if (entry instanceof FragmentEntry fragment) {
                selections.add(new FragmentSelection(fragment.typeCondition(), fragment.children().toSelections()));
            }
        }
        return selections;
    }

    SelectionSet toAst() {
        List<graphql.language.Selection> selections = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry instanceof FieldEntry field) {
                Field.Builder builder = Field.newField(field.name()).arguments(field.arguments());
                if (!field.responseName().equals(field.name())) {
                    builder.alias(field.responseName());
                }
                if (field.children() != null) {
                    if (field.children().isEmpty()) {
                        // every subfield comes from other subgraphs: a composite field still needs a selection
                        field.children().leaf("__typename");
                    }
                    builder.selectionSet(field.children().toAst());
                }
                selections.add(builder.build());
            } else if (entry instanceof FragmentEntry fragment) {
                selections.add(InlineFragment.newInlineFragment()
                        .typeCondition(TypeName.newTypeName(fragment.typeCondition()).build())
                        .selectionSet(fragment.children().toAst())
                        .build());
            }
        }
        return SelectionSet.newSelectionSet(selections).build();
    }

    private static String argumentsText(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("(");
        for (Argument argument : arguments) {
            text.append(argument.getName()).append(':').append(AstPrinter.printAstCompact(argument.getValue())).append(' ');
        }
        return text.append(')').toString();
    }
}
