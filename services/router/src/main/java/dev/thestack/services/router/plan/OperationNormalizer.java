package dev.thestack.services.router.plan;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated document into the {@link NormalizedOperation} it runs: picks the operation, spreads named
 * fragments into inline ones and drops what {@code @skip}/{@code @include} exclude for these variable values. The
 * plan therefore depends on those values: {@link #conditionVariables} names the variables that go into the plan
 * cache key.
 */
public final class OperationNormalizer {
    private final GraphQLSchema apiSchema;

    public OperationNormalizer(GraphQLSchema apiSchema) {
        this.apiSchema = apiSchema;
    }

    /**
     * @param operation the operation of the document to run (validation has made sure it exists)
     * @param variables the coerced variable values, defaults applied
     */
    public NormalizedOperation normalize(Document document, OperationDefinition operation, Map<String, Object> variables) {
        Map<String, FragmentDefinition> fragments = fragments(document);
        GraphQLObjectType root = switch (operation.getOperation()) {
            case QUERY -> apiSchema.getQueryType();
            case MUTATION -> apiSchema.getMutationType();
            case SUBSCRIPTION -> apiSchema.getSubscriptionType();
        };
        return new NormalizedOperation(operation.getOperation(), operation.getName(), operation.getVariableDefinitions(),
                root.getName(), selections(operation.getSelectionSet(), fragments, variables));
    }

    /** The variables whose values decide a {@code @skip} or {@code @include} anywhere in the document. */
    public static Set<String> conditionVariables(Document document) {
        Set<String> names = new LinkedHashSet<>();
        document.getDefinitions().forEach(definition -> collectConditionVariables(definition, names));
        return names;
    }

    private static void collectConditionVariables(graphql.language.Node<?> node, Set<String> names) {
        if (node instanceof graphql.language.DirectivesContainer<?> container) {
            for (Directive directive : container.getDirectives()) {
                if (isCondition(directive) && directive.getArgument("if") != null
                        && directive.getArgument("if").getValue() instanceof VariableReference variable) {
                    names.add(variable.getName());
                }
            }
        }
        for (graphql.language.Node<?> child : node.getChildren()) {
            collectConditionVariables(child, names);
        }
    }

    static Map<String, FragmentDefinition> fragments(Document document) {
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.put(fragment.getName(), fragment);
        }
        return fragments;
    }

    private static List<Selection> selections(SelectionSet set, Map<String, FragmentDefinition> fragments,
                                              Map<String, Object> variables) {
        List<Selection> selections = new ArrayList<>();
        if (set == null) {
            return selections;
        }
        for (graphql.language.Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (included(field.getDirectives(), variables)) {
                    selections.add(new FieldSelection(field.getResultKey(), field.getName(), field.getArguments(),
                            selections(field.getSelectionSet(), fragments, variables)));
                }
            } else if (selection instanceof InlineFragment inline) {
                if (included(inline.getDirectives(), variables)) {
                    selections.add(new FragmentSelection(
                            inline.getTypeCondition() == null ? null : inline.getTypeCondition().getName(),
                            selections(inline.getSelectionSet(), fragments, variables)));
                }
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && included(spread.getDirectives(), variables)
                        && included(fragment.getDirectives(), variables)) {
                    selections.add(new FragmentSelection(fragment.getTypeCondition().getName(),
                            selections(fragment.getSelectionSet(), fragments, variables)));
                }
            }
        }
        return selections;
    }

    private static boolean included(List<Directive> directives, Map<String, Object> variables) {
        for (Directive directive : directives) {
            if (isCondition(directive)) {
                boolean value = conditionValue(directive, variables);
                if (directive.getName().equals("skip") == value) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isCondition(Directive directive) {
        return directive.getName().equals("skip") || directive.getName().equals("include");
    }

    private static boolean conditionValue(Directive directive, Map<String, Object> variables) {
        Argument condition = directive.getArgument("if");
        Value<?> value = condition == null ? null : condition.getValue();
        if (value instanceof BooleanValue literal) {
            return literal.isValue();
        }
        if (value instanceof VariableReference variable) {
            // validation and coercion made sure it is a Boolean!; a missing one cannot get here
            return Boolean.TRUE.equals(variables.get(variable.getName()));
        }
        throw new IllegalStateException("@" + directive.getName() + " without a Boolean 'if' passed validation");
    }
}
