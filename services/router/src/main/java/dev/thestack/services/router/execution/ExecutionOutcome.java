package dev.thestack.services.router.execution;

import java.util.List;
import java.util.Map;

/**
 * What the subgraphs answered for one plan, before the result is shaped to the client's operation.
 *
 * @param data   every fetch's data merged, in the shape the fetches selected (planner aliases and keys included)
 * @param errors the subgraphs' errors as the client gets them, and one error per fetch that got no answer
 */
public record ExecutionOutcome(Map<String, Object> data, List<Map<String, Object>> errors) {
}
