package dev.thestack.services.router.plan;

import java.util.List;

/**
 * An inline fragment, or a named fragment's spread.
 *
 * @param typeCondition null when the fragment has none (it applies to the enclosing type)
 */
public record FragmentSelection(String typeCondition, List<Selection> selections) implements Selection {
    public FragmentSelection {
        selections = List.copyOf(selections);
    }
}
