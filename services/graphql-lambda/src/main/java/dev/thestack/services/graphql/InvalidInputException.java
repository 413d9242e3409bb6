package dev.thestack.services.graphql;

/** A client sent a value the API refuses. The message goes to the client as it is, so it must say what to fix. */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        // the client's mistake, not the service's: a stack trace would only cost time
        super(message, null, false, false);
    }
}
