package dev.thestack.services.router.supergraph;

/**
 * The supergraph uses something this router cannot plan correctly, or is not a supergraph at all. Thrown at load
 * time, so a router never starts and then plans an operation wrongly; the message names what was found and where.
 */
public final class UnsupportedSupergraphException extends RuntimeException {
    public UnsupportedSupergraphException(String message) {
        super(message);
    }
}
