package dev.thestack.services.awslocal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Node.js program of node-tools (a local server: dynalite, s3rver, the Apollo gateway) running until closed.
 * It counts as started once a line of its output matches the readiness pattern; it is killed on close or, failing
 * that, when the JVM exits, so a failed test never leaves it running.
 */
public final class NodeProcess implements AutoCloseable {
    private static final String NODE_TOOLS = "node-tools";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Thread killOnExit;
    private final Queue<String> output;
    private final Matcher ready;

    private NodeProcess(Process process, Thread killOnExit, Queue<String> output, Matcher ready) {
        this.process = process;
        this.killOnExit = killOnExit;
        this.output = output;
        this.ready = ready;
    }

    /**
     * Runs {@code node script arguments...} and waits until a line matches {@code ready}.
     *
     * @throws NodeProcessFailedException when it exits first or does not get ready in time, with its output
     */
    public static NodeProcess start(Path script, List<String> arguments, Pattern ready, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Node.js 20+ must be on PATH) for " + script, e);
        }
        Thread killOnExit = new Thread(process::destroyForcibly, "kill-on-exit-" + script.getFileName());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Queue<String> output = new ConcurrentLinkedQueue<>();
        CompletableFuture<Matcher> started = watchOutput(process, output, ready);
        try {
            return new NodeProcess(process, killOnExit, output, started.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            stop(process, killOnExit);
            String reason = e instanceof TimeoutException
                    ? "did not get ready within " + timeout.toSeconds() + " s"
                    : "exited before it was ready";
            throw new NodeProcessFailedException(String.join(" ", command) + " " + reason
                    + " (waited for a line matching " + ready + "); its output:\n" + String.join("\n", output));
        } catch (InterruptedException e) {
            stop(process, killOnExit);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + script, e);
        }
    }

    /** The readiness line as matched, for its groups (such as the address it listens at). */
    public Matcher readyLine() {
        return ready;
    }

    /** Everything it printed so far (stdout and stderr), for failure messages. */
    public List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        stop(process, killOnExit);
    }

    private static void stop(Process process, Thread killOnExit) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills a process that is gone already
        }
    }

    /** Completes once a line matches; keeps draining afterwards so node never blocks on a full pipe. */
    private static CompletableFuture<Matcher> watchOutput(Process process, Queue<String> output, Pattern ready) {
        CompletableFuture<Matcher> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher matcher = ready.matcher(line);
                    if (!started.isDone() && matcher.find()) {
                        started.complete(matcher);
                    }
                }
            } catch (IOException e) {
                output.add("(reading output failed: " + e.getMessage() + ")");
            }
            started.completeExceptionally(new IllegalStateException("output ended"));
        }, "node-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    /**
     * A file of node-tools, which the node-tools module installs. The build passes the reactor root as
     * {@code thestack.root}; a build of one module alone may pass its own folder there instead, so walk up from both.
     */
    public static Path nodeTool(String relativePath) {
        String wanted = NODE_TOOLS + "/" + relativePath;
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("thestack.root");
        if (root != null && !root.isBlank()) {
            starts.add(Paths.get(root));
        }
        starts.add(Paths.get(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path file = dir.resolve(wanted);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new IllegalStateException("no " + wanted + " at or above " + starts
                + "; build node-tools first (mvn -pl node-tools install runs npm ci)");
    }

    /** The program did not get ready; the message holds its command line and output. */
    public static final class NodeProcessFailedException extends RuntimeException {
        NodeProcessFailedException(String message) {
            super(message);
        }
    }
}
