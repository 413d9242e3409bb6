package dev.thestack.services.router.plan;

import graphql.language.Argument;
import java.util.List;
import java.util.Objects;

/**
 * A field as the client (or the planner, for keys and requirements) selected it.
 *
 * @param responseName the alias, or the field's name
 * @param arguments    as written, variables still referenced by name
 * @param selections   empty for a leaf
 */
public record FieldSelection(String responseName, String name, List<Argument> arguments, List<Selection> selections)
        implements Selection {
    public FieldSelection {
        Objects.requireNonNull(responseName, "responseName");
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        selections = List.copyOf(selections);
    }

    public static FieldSelection leaf(String name) {
        return new FieldSelection(name, name, List.of(), List.of());
    }

    public boolean aliased() {
        return !responseName.equals(name);
    }
}
