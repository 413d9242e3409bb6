package dev.thestack.services.todo;

/**
 * A user as the schema's User entity: only its id, which comes from the authorizer (header x-user-id) and is not
 * stored on its own; this subgraph contributes the user's todos, read when asked for.
 */
public record User(String id) {
}
