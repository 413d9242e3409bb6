package dev.thestack.services.router;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads a transport blocks while a subgraph answers: reused, daemon, named for thread dumps. */
final class FetchThreads {
    private FetchThreads() {
    }

    static ExecutorService pool(String name) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
