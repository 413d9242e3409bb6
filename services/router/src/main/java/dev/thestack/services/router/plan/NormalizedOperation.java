package dev.thestack.services.router.plan;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import java.util.List;
import java.util.Objects;

/**
 * The operation a request runs, as the planner and the result shaping read it.
 *
 * @param name                the operation's name, or null
 * @param variableDefinitions as the client declared them, defaults included
 * @param rootType            the name of the root type ("Query", "Mutation")
 */
public record NormalizedOperation(OperationDefinition.Operation kind, String name,
                                  List<VariableDefinition> variableDefinitions, String rootType,
                                  List<Selection> selections) {
    public NormalizedOperation {
        Objects.requireNonNull(kind, "kind");
        variableDefinitions = List.copyOf(variableDefinitions);
        Objects.requireNonNull(rootType, "rootType");
        selections = List.copyOf(selections);
    }
}
