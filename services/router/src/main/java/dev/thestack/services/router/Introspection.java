package dev.thestack.services.router;

import dev.thestack.services.router.plan.FieldSelection;
import dev.thestack.services.router.plan.FragmentSelection;
import dev.thestack.services.router.plan.NormalizedOperation;
import dev.thestack.services.router.plan.Selection;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers an operation's root {@code __schema} and {@code __type} fields from the API schema, with graphql-java's
 * own introspection, as the gateway answers them itself. The document run is the client's introspection fields
 * alone, already validated with the whole operation, so it is not validated again.
 */
final class Introspection {
    private static final String DOCUMENT = Introspection.class.getName() + ".document";

    private final GraphQL graphQL;

    Introspection(GraphQLSchema apiSchema) {
        this.graphQL = GraphQL.newGraphQL(apiSchema)
                .preparsedDocumentProvider((input, parseAndValidate) -> CompletableFuture.completedFuture(
                        new PreparsedDocumentEntry((Document) input.getGraphQLContext().get(DOCUMENT))))
                .build();
    }

    static boolean isIntrospectionField(String name) {
        return name.equals("__schema") || name.equals("__type");
    }

    /** @return the answers by response name; empty when the operation has no such field */
    Map<String, Object> answer(NormalizedOperation operation, Map<String, Object> variables) {
        List<graphql.language.Selection> fields = new ArrayList<>();
        collectRootFields(operation.selections(), fields);
        if (fields.isEmpty()) {
            return Map.of();
        }
        Document document = Document.newDocument().definition(OperationDefinition.newOperationDefinition()
                .operation(OperationDefinition.Operation.QUERY)
                .variableDefinitions(operation.variableDefinitions())
                .selectionSet(SelectionSet.newSelectionSet(fields).build())
                .build()).build();
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query("")
                .variables(variables)
                .graphQLContext(Map.of(DOCUMENT, document))
                .build());
        Map<String, Object> data = result.getData();
        return data == null ? Map.of() : data;
    }

    private static void collectRootFields(List<Selection> selections, List<graphql.language.Selection> into) {
        for (Selection selection : selections) {
            if (selection instanceof FieldSelection field && isIntrospectionField(field.name())) {
                into.add(toAst(field));
            } else if (selection instanceof FragmentSelection fragment) {
                collectRootFields(fragment.selections(), into);
            }
        }
    }

    private static Field toAst(FieldSelection field) {
        Field.Builder builder = Field.newField(field.name()).arguments(field.arguments());
        if (field.aliased()) {
            builder.alias(field.responseName());
        }
        if (!field.selections().isEmpty()) {
            builder.selectionSet(toAst(field.selections()));
        }
        return builder.build();
    }

    private static SelectionSet toAst(List<Selection> selections) {
        List<graphql.language.Selection> converted = new ArrayList<>();
        for (Selection selection : selections) {
            if (selection instanceof FieldSelection field) {
                converted.add(toAst(field));
            } else if (selection instanceof FragmentSelection fragment) {
                InlineFragment.Builder inline = InlineFragment.newInlineFragment().selectionSet(toAst(fragment.selections()));
                if (fragment.typeCondition() != null) {
                    inline.typeCondition(TypeName.newTypeName(fragment.typeCondition()).build());
                }
                converted.add(inline.build());
            }
        }
        return SelectionSet.newSelectionSet(converted).build();
    }
}
