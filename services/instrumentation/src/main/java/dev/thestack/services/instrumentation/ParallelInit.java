package dev.thestack.services.instrumentation;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A part of a handler's init that runs on a thread of its own while the handler's thread builds the rest: a cold
 * start is mostly class loading and one-off set-up that uses one core, and an SDK client (TLS, X-Ray's interceptor,
 * the service model) shares nothing with a GraphQL schema, so on a function with more than one vCPU — and during
 * Lambda's init on any — the two overlap instead of adding up.
 *
 * <p>{@link #get()} waits for the value and throws what the work threw, unwrapped, so a handler that calls it before
 * its constructor returns fails its init exactly as it would have built the value itself.
 */
public final class ParallelInit<T> implements Supplier<T> {
    private final CompletableFuture<T> value = new CompletableFuture<>();

    private ParallelInit() {
    }

    /** Starts {@code work} on a new daemon thread named {@code init-<name>}. */
    public static <T> ParallelInit<T> start(String name, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        ParallelInit<T> init = new ParallelInit<>();
        Thread thread = new Thread(() -> {
            try {
                init.value.complete(Objects.requireNonNull(work.get(), () -> "init-" + name + " made null"));
            } catch (Throwable e) {
                init.value.completeExceptionally(e);
            }
        }, "init-" + name);
        // an init that never ends must not keep a JVM alive that is told to stop
        thread.setDaemon(true);
        thread.start();
        return init;
    }

    /** The value, once made; what the work threw if it failed, as it threw it. */
    @Override
    public T get() {
        try {
            return value.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a part of the init", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
