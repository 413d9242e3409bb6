package dev.thestack.services.todo;

/**
 * The HTTP request cannot be run as a GraphQL request at all (HTTP 400). The message goes to the client as it
 * is, so it must name what is wrong.
 */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
