package dev.thestack.services.awslocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.thestack.services.awslocal.functions.EchoHandler;
import dev.thestack.services.awslocal.functions.PrimedHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.crac.Core;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real runtime interface client runs test functions from a task root laid out as Lambda lays it out. */
class LambdaFunctionProcessTest {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @TempDir
    static Path taskRoot;
    // one per test, as Lambda serves one per execution environment: an event left unanswered by one function
    // (the one that cannot load) must not be the next function's first
    private LambdaRuntimeApi api;

    /**
     * The test classes as the function's own, its libraries in lib/ where the runtime's class loader finds them;
     * joda-time among them because the runtime's serializer loads it for any aws-lambda-java-events class.
     */
    @BeforeAll
    static void layOutTheFunction() {
        LambdaFunctionProcess.layOut(taskRoot, List.of(EchoHandler.class, PrimedHandler.class),
                List.of(APIGatewayProxyRequestEvent.class, DateTime.class, Core.class));
    }

    @BeforeEach
    void startTheRuntimeApi() {
        api = new LambdaRuntimeApi();
    }

    @AfterEach
    void stopTheRuntimeApi() {
        api.close();
    }

    @Test
    void theRuntimeClientDeserializesTheEventAndPostsTheHandlersAnswer() throws Exception {
        api.start();
        try (LambdaFunctionProcess function = LambdaFunctionProcess.builder().taskRoot(taskRoot)
                .handler(EchoHandler.class.getName() + "::handleRequest").start(api)) {
            String requestId = api.invoke("{\"httpMethod\":\"POST\",\"body\":\"ping\"}", TRACE);

            LambdaRuntimeApi.Answer answer = api.awaitAnswer(requestId, ANSWER_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no answer; the function printed:\n" + function.output()));

            assertThat(answer.error()).as(answer.body()).isFalse();
            // the handler's class comes from the task root through the runtime's class loader, not its class path
            assertThat(answer.body()).contains("\"statusCode\":200",
                    "ping|" + requestId + "|" + TRACE + "|file:" + taskRoot.toAbsolutePath() + "/");
            assertThat(answer.sinceStart()).isPositive();
            assertThat(api.snapshotTakenAfter()).isEmpty();
        }
    }

    @Test
    void withSnapStartTheCracHooksRunBeforeTheFirstInvocation() throws Exception {
        assertThat(answerOfPrimedHandler(true)).contains("\"primed\":true", "\"restored\":true");
        assertThat(api.snapshotTakenAfter()).isPresent();
    }

    @Test
    void withoutSnapStartNoHookRuns() throws Exception {
        assertThat(answerOfPrimedHandler(false)).contains("\"primed\":false", "\"restored\":false");
    }

    @Test
    void aHandlerThatCannotBeLoadedIsReportedAsAnInitError() throws Exception {
        api.start();
        try (LambdaFunctionProcess function = LambdaFunctionProcess.builder().taskRoot(taskRoot)
                .handler("dev.thestack.Missing::handleRequest").start(api)) {
            String requestId = api.invoke("{}", null);
            LambdaRuntimeApi.Answer answer = api.awaitAnswer(requestId, ANSWER_TIMEOUT).orElse(null);
            // the client reports a class it cannot load either at init or as the invocation's error
            assertThat(answer == null ? String.join("\n", api.initErrors()) : answer.body())
                    .as(function.output()).contains("dev.thestack.Missing");
        }
    }

    private String answerOfPrimedHandler(boolean snapStart) throws Exception {
        api.start();
        try (LambdaFunctionProcess function = LambdaFunctionProcess.builder().taskRoot(taskRoot)
                .handler(PrimedHandler.class.getName() + "::handleRequest").snapStart(snapStart).start(api)) {
            String requestId = api.invoke("{}", null);
            return api.awaitAnswer(requestId, ANSWER_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no answer; the function printed:\n" + function.output()))
                    .body();
        }
    }
}
