package dev.thestack.services.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import dev.thestack.services.instrumentation.OutsideInvocation;
import org.junit.jupiter.api.Test;

/** When the priming operation runs, for each way Lambda initializes a function. */
class SnapStartPrimingTest {
    private static final String BODY = "{\"query\":\"query Priming { __typename }\"}";

    @Test
    void onDemandItRunsOnceOnAThreadOfItsOwnAndRegisterDoesNotWaitForIt() throws InterruptedException {
        CountDownLatch registered = new CountDownLatch(1);
        RecordingPriming priming = new RecordingPriming(registered);

        SnapStartPriming.register(priming, Map.of(SnapStartPriming.ENV_INITIALIZATION_TYPE, SnapStartPriming.ON_DEMAND));
        // the priming waits for this: had register run it on this thread, it would never get here
        registered.countDown();

        assertThat(priming.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(priming.threads).hasSize(1);
        assertThat(priming.threads.get(0)).isNotSameAs(Thread.currentThread());
        assertThat(priming.threads.get(0).getName()).isEqualTo("priming");
        assertThat(priming.threads.get(0).isDaemon()).isTrue();
        assertThat(priming.queries).containsExactly("query Priming { __typename }");
    }

    @Test
    void withProvisionedConcurrencyItHasRunWhenRegisterReturns() {
        RecordingPriming priming = new RecordingPriming(new CountDownLatch(0));

        SnapStartPriming.register(priming,
                Map.of(SnapStartPriming.ENV_INITIALIZATION_TYPE, SnapStartPriming.PROVISIONED_CONCURRENCY));

        assertThat(priming.threads).containsExactly(Thread.currentThread());
    }

    @Test
    void withSnapStartOrOutsideLambdaItWaitsForTheCheckpoint() throws InterruptedException {
        RecordingPriming snapStart = new RecordingPriming(new CountDownLatch(0));
        RecordingPriming local = new RecordingPriming(new CountDownLatch(0));

        SnapStartPriming.register(snapStart,
                Map.of(SnapStartPriming.ENV_INITIALIZATION_TYPE, SnapStartPriming.SNAP_START));
        SnapStartPriming.register(local, Map.of());
        Thread.sleep(200);

        assertThat(snapStart.threads).isEmpty();
        assertThat(local.threads).isEmpty();
        snapStart.beforeCheckpoint(null);
        assertThat(snapStart.threads).containsExactly(Thread.currentThread());
    }

    @Test
    void itRunsOutsideAnyInvocation() {
        List<Boolean> outside = new ArrayList<>();
        SnapStartPriming priming = answering(request -> {
            outside.add(OutsideInvocation.isActive());
            return GraphQLHttpResponse.internalError();
        });

        priming.beforeCheckpoint(null);

        assertThat(outside).containsExactly(true);
        assertThat(OutsideInvocation.isActive()).isFalse();
    }

    @Test
    void aPrimingThatThrowsEvenALinkageErrorOnlyCostsItsSpeedUp() {
        for (Throwable thrown : List.of(new IllegalStateException("the table is not there"),
                new NoClassDefFoundError("software/amazon/awssdk/Missing"))) {
            SnapStartPriming failing = answering(request -> {
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            });

            assertThatCode(() -> SnapStartPriming.register(failing,
                    Map.of(SnapStartPriming.ENV_INITIALIZATION_TYPE, SnapStartPriming.PROVISIONED_CONCURRENCY)))
                    .as("%s", thrown).doesNotThrowAnyException();
            assertThatCode(() -> failing.beforeCheckpoint(null)).as("%s", thrown).doesNotThrowAnyException();
        }
    }

    private static SnapStartPriming answering(Function<GraphQLRequest, GraphQLHttpResponse> answer) {
        return new SnapStartPriming(BODY, new GraphQLRequestParser(new ObjectMapper()), new ObjectMapper()) {
            @Override
            protected GraphQLHttpResponse answer(GraphQLRequest request) {
                return answer.apply(request);
            }
        };
    }

    /** Notes on which thread it was asked to answer, and what. */
    private static final class RecordingPriming extends SnapStartPriming {
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<String> queries = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        private final CountDownLatch mayAnswer;

        RecordingPriming(CountDownLatch mayAnswer) {
            super(BODY, new GraphQLRequestParser(new ObjectMapper()), new ObjectMapper());
            this.mayAnswer = mayAnswer;
        }

        @Override
        protected GraphQLHttpResponse answer(GraphQLRequest request) {
            threads.add(Thread.currentThread());
            queries.add(request.query());
            try {
                assertThat(mayAnswer.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            done.countDown();
            return GraphQLHttpResponse.internalError();
        }
    }
}
