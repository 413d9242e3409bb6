package dev.thestack.services.instrumentation;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Work a handler does on its own account, on the thread that runs it, while no invocation is being served by it:
 * priming its hot path. Such work is no request's: its AWS calls are not traced ({@link InvocationTracingInterceptor}),
 * since X-Ray in Lambda would hang them on whichever invocation is current, and its failures cost only the
 * speed-up, so the services log them as warnings rather than as errors of a request.
 */
public final class OutsideInvocation {
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private OutsideInvocation() {
    }

    /** Runs {@code work} on this thread marked as outside any invocation, and what it makes. */
    public static <T> T run(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            ACTIVE.set(outer);
        }
    }

    /** Whether this thread is running such work now. */
    public static boolean isActive() {
        return ACTIVE.get();
    }
}
