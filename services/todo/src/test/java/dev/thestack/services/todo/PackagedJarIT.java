package dev.thestack.services.todo;

import dev.thestack.services.awslocal.DynaliteExtension;
import dev.thestack.services.awslocal.LambdaFunctionProcess;
import dev.thestack.services.awslocal.LambdaRuntimeApi;
import dev.thestack.services.awslocal.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable jar on its own, in a JVM set up the way Lambda sets one up: the variables Lambda sets, an
 * active X-Ray trace, and a "daemon" on a loopback UDP port. Proves the shaded jar is complete (log4j's merged
 * plugin cache included) and that tracing and metrics work in Lambda without the test-only settings.
 */
class PackagedJarIT {
    private static final String TABLE = "todos";
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRACE_WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final DynaliteExtension DYNALITE = DynaliteExtension.withTables(TodoTables.todoTable(TABLE));

    @Test
    void jarHoldsTheHandlerAndLeavesOutUnusedHttpClients() throws IOException {
        try (JarFile jar = new JarFile(lambdaJar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            assertThat(jar.getEntry("dev/thestack/services/todo/TodoHandler.class")).isNotNull();
            assertThat(jar.getEntry("todo.graphqls")).isNotNull();
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.startsWith("io/netty/"))
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/http/apache"))
                    .noneMatch(name -> name.startsWith("com/google/protobuf/"))
                    .noneMatch(name -> name.startsWith("org/junit/"));
        }
    }

    @Test
    void invocationLogsJsonEmitsMetricsAndSendsTheTraceToTheDaemon(@TempDir Path workDir) throws Exception {
        String traceRoot = "1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + randomHex(12);
        try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Invocation invocation = invoke(workDir, daemon.getLocalPort(),
                    "Root=" + traceRoot + ";Parent=" + randomHex(8) + ";Sampled=1");

            assertThat(invocation.exitCode()).as("exit code; stderr:\n%s", invocation.stderr()).isZero();
            assertThat(invocation.stderr()).doesNotContain("StatusLogger", "ERROR", "Exception");
            String response = invocation.stdout().stream()
                    .filter(line -> line.startsWith(PackagedHandlerMain.RESPONSE_PREFIX))
                    .findFirst().orElseThrow(() -> new AssertionError("no response in " + invocation.stdout()));
            assertThat(response).startsWith(PackagedHandlerMain.RESPONSE_PREFIX + "200 ").contains("\"title\":\"from the jar\"");

            List<JsonNode> json = jsonLines(invocation.stdout());
            assertThat(json).as("JSON log line of the handler in %s", invocation.stdout()).anySatisfy(log -> {
                assertThat(log.path("loggerName").asText()).isEqualTo(TodoHandler.class.getName());
                assertThat(log.path("operation").asText()).isEqualTo("CreateTodo");
                assertThat(log.path("xray_trace_id").asText()).isEqualTo(traceRoot);
            });
            assertThat(json).as("EMF line in %s", invocation.stdout()).anySatisfy(emf -> {
                assertThat(emf.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText()).isEqualTo("TheStack");
                assertThat(emf.path("TodoCreated").asDouble()).isEqualTo(1.0);
                assertThat(emf.path("Environment").asText()).isEqualTo("it");
            });

            JsonNode subsegment = receiveSubsegment(daemon, "## handleRequest")
                    .orElseThrow(() -> new AssertionError("the X-Ray daemon port got no ## handleRequest subsegment"));
            assertThat(subsegment.path("trace_id").asText()).isEqualTo(traceRoot);
            assertThat(subsegment.path("annotations").path("operation").asText()).isEqualTo("CreateTodo");
            assertThat(subsegment.path("annotations").path("tenant").asText()).isEqualTo("jar-tenant");
            assertThat(subsegment.path("subsegments")).anySatisfy(call -> {
                assertThat(call.path("name").asText()).isEqualTo("DynamoDb");
                assertThat(call.path("aws").path("operation").asText()).isEqualTo("PutItem");
            });
        }
    }

    @Test
    void onDemandThePrimingRunsBesideTheFirstEventAndLeavesItsAnswerAlone(@TempDir Path workDir) throws Exception {
        underTheRuntimeClient(workDir, false, (api, function, answer) -> {
            assertThat(answer.body()).contains("\"statusCode\":200", "{\\\"todos\\\":[]}");
            assertThat(api.snapshotTakenAfter()).isEmpty();
            // the priming's log line comes from its own thread, whenever it is done
            long deadline = System.nanoTime() + INVOCATION_TIMEOUT.toNanos();
            while (!function.output().contains("Priming answered HTTP 200") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(function.output()).contains("Priming answered HTTP 200").doesNotContain("Priming failed");
        });
    }

    @Test
    void underSnapStartThePrimingRunsBeforeTheSnapshotAndTheRestoredFunctionAnswers(@TempDir Path workDir)
            throws Exception {
        underTheRuntimeClient(workDir, true, (api, function, answer) -> {
            assertThat(answer.body()).contains("\"statusCode\":200", "todos");
            assertThat(api.snapshotTakenAfter()).as(function.output()).isPresent();
            assertThat(function.output()).contains("Priming answered HTTP 200");
        });
    }

    /** What is checked of a function that answered its first event without an error. */
    private interface FirstAnswerCheck {
        void check(LambdaRuntimeApi api, LambdaFunctionProcess function, LambdaRuntimeApi.Answer answer)
                throws Exception;
    }

    /** The packaged jar unpacked and run as Lambda runs it, on demand or with SnapStart, for one todos query. */
    private static void underTheRuntimeClient(Path workDir, boolean snapStart, FirstAnswerCheck check)
            throws Exception {
        Path taskRoot = LambdaFunctionProcess.unpack(lambdaJar(), workDir.resolve("task"));
        try (LambdaRuntimeApi api = new LambdaRuntimeApi()) {
            String requestId = api.invoke(GraphQLCalls.JSON.writeValueAsString(GraphQLCalls.post("jar-tenant-" + snapStart,
                    "{ todos { id } }", Map.of())), null);
            api.start();
            try (LambdaFunctionProcess function = LambdaFunctionProcess.builder()
                    .taskRoot(taskRoot)
                    .handler(TodoHandler.class.getName() + "::handleRequest")
                    .snapStart(snapStart)
                    .environment(Map.of(
                            "AWS_ACCESS_KEY_ID", "dynalite",
                            "AWS_SECRET_ACCESS_KEY", "dynalite",
                            TodoHandler.ENV_TABLE_NAME, TABLE,
                            DynamoDbClients.ENV_ENDPOINT, DYNALITE.endpoint().toString()))
                    .start(api)) {
                LambdaRuntimeApi.Answer answer = api.awaitAnswer(requestId, INVOCATION_TIMEOUT)
                        .orElseThrow(() -> new AssertionError("no answer; the function printed:\n" + function.output()));

                assertThat(answer.error()).as(answer.body()).isFalse();
                check.check(api, function, answer);
            }
        }
    }

    private record Invocation(int exitCode, List<String> stdout, String stderr) {
    }

    private static Invocation invoke(Path workDir, int daemonPort, String traceHeader) throws Exception {
        Path stdout = workDir.resolve("stdout");
        Path stderr = workDir.resolve("stderr");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java,
                "-cp", lambdaJar() + File.pathSeparator + System.getProperty("todo.testClasses")
                        // the Lambda context the entry point passes, as the runtime would
                        + File.pathSeparator + Paths.get(TestLambdaContext.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                PackagedHandlerMain.class.getName(), "jar-tenant", "from the jar")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        // nothing from the test JVM's own setup may help the jar
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("POWERTOOLS_"));
        environment.putAll(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "todo-it",
                "LAMBDA_TASK_ROOT", lambdaJar().getParent().toString(),
                "_X_AMZN_TRACE_ID", traceHeader,
                "AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + daemonPort,
                "AWS_REGION", DynaliteExtension.REGION.id(),
                "AWS_ACCESS_KEY_ID", "dynalite",
                "AWS_SECRET_ACCESS_KEY", "dynalite",
                "POWERTOOLS_SERVICE_NAME", "todo",
                "STACK_ENVIRONMENT", "it"));
        environment.put(TodoHandler.ENV_TABLE_NAME, TABLE);
        environment.put(DynamoDbClients.ENV_ENDPOINT, DYNALITE.endpoint().toString());

        Process process = builder.start();
        if (!process.waitFor(INVOCATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the packaged handler did not finish within " + INVOCATION_TIMEOUT.toSeconds()
                    + " s; stdout:\n" + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr));
        }
        return new Invocation(process.exitValue(), Files.readAllLines(stdout), Files.readString(stderr));
    }

    /** X-Ray sends each document as a JSON header line and the segment document. */
    private static Optional<JsonNode> receiveSubsegment(DatagramSocket daemon, String name) throws IOException {
        daemon.setSoTimeout((int) TRACE_WAIT.toMillis());
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                daemon.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            String document = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            JsonNode segment = GraphQLCalls.JSON.readTree(document.substring(document.indexOf('\n') + 1));
            if (name.equals(segment.path("name").asText())) {
                return Optional.of(segment);
            }
        }
    }

    private static List<JsonNode> jsonLines(List<String> lines) {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                try {
                    json.add(GraphQLCalls.JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("stdout line is not JSON: " + line, e);
                }
            }
        }
        return json;
    }

    private static Path lambdaJar() {
        return Paths.get(System.getProperty("todo.lambdaJar"));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
