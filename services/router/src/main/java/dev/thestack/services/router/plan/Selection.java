package dev.thestack.services.router.plan;

/**
 * One selection of a normalized operation: named fragments spread into inline ones, {@code @skip}/{@code @include}
 * already applied. Both the planner and the result shaping walk these, so they agree on what was asked.
 */
public sealed interface Selection permits FieldSelection, FragmentSelection {
}
