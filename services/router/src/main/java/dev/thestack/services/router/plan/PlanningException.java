package dev.thestack.services.router.plan;

/**
 * The planner found no way to fetch what an operation asks for from this supergraph. Composition promises there
 * always is one, so this is a limit of this planner: logged with the message, answered to clients with a generic
 * error.
 */
public final class PlanningException extends RuntimeException {
    public PlanningException(String message) {
        super(message);
    }
}
