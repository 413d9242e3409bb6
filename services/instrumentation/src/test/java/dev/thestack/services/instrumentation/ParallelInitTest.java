package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParallelInitTest {

    @Test
    void theWorkRunsOnADaemonThreadOfItsOwnWhileTheCallerGoesOn() throws InterruptedException {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();

        ParallelInit<String> init = ParallelInit.start("client", () -> {
            worker.set(Thread.currentThread());
            try {
                // the work can only finish once the caller has got past start()
                assertThat(callerWentOn.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "built";
        });
        callerWentOn.countDown();

        assertThat(init.get()).isEqualTo("built");
        assertThat(init.get()).isEqualTo("built");
        assertThat(worker.get()).isNotSameAs(Thread.currentThread());
        assertThat(worker.get().getName()).isEqualTo("init-client");
        assertThat(worker.get().isDaemon()).isTrue();
    }

    @Test
    void whatTheWorkThrewIsThrownAsItWasByEveryGet() {
        IllegalStateException failure = new IllegalStateException("No AWS credentials in the environment");
        ParallelInit<String> init = ParallelInit.start("client", () -> {
            throw failure;
        });

        assertThatThrownBy(init::get).isSameAs(failure);
        assertThatThrownBy(init::get).isSameAs(failure);
    }

    @Test
    void anErrorIsNotWrapped() {
        ParallelInit<String> init = ParallelInit.start("schema", () -> {
            throw new NoClassDefFoundError("graphql/GraphQL");
        });

        assertThatThrownBy(init::get).isInstanceOf(NoClassDefFoundError.class).hasMessage("graphql/GraphQL");
    }

    @Test
    void aNullValueIsRefusedWithTheNameOfThePart() {
        ParallelInit<String> init = ParallelInit.start("client", () -> null);

        assertThatThrownBy(init::get).isInstanceOf(NullPointerException.class).hasMessage("init-client made null");
    }
}
