package dev.thestack.services.awslocal;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * A function's code run the way Lambda's Java runtime runs it: its jar unpacked into a task root that is the working
 * directory ({@code /var/task} in Lambda), the runtime interface client and its libraries alone on the class path
 * ({@code /var/runtime/lib}), and the client loading the handler from the task root through its own class loader.
 * The process talks to a {@link LambdaRuntimeApi}.
 */
public final class LambdaFunctionProcess implements AutoCloseable {
    /** What Lambda's SnapStart sets: the runtime client runs the CRaC hooks around a (here: pretend) snapshot. */
    public static final String SNAPSTART_INITIALIZATION = "snap-start";
    public static final String ON_DEMAND_INITIALIZATION = "on-demand";
    // org.crac looks for an implementation by this property; Lambda's runtime client carries one
    private static final String CRAC_IMPLEMENTATION = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final Process process;
    private final Path output;

    private LambdaFunctionProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** What the function printed (stdout and stderr together): its logs and EMF lines. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function's output " + output, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The CPU time all of the JVM's threads have used so far (user and system), where the OS reports it. */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(5));
    }

    /**
     * Asks the JVM to exit (SIGTERM, as Lambda ends an execution environment) and kills it if it has not within the
     * grace period. What a JVM writes at exit (an -XX:ArchiveClassesAtExit archive, an -XX:AOTCacheOutput cache)
     * can take longer than the default five seconds.
     */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** Unpacks a function jar into a fresh task root, as Lambda unpacks the deployment package. */
    public static Path unpack(Path jar, Path taskRoot) {
        try (JarFile archive = new JarFile(jar.toFile())) {
            Files.createDirectories(taskRoot);
            for (JarEntry entry : java.util.Collections.list(archive.entries())) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IllegalArgumentException(jar + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + jar + " into " + taskRoot, e);
        }
    }

    /**
     * A task root made of single classes and whole libraries, as a deployment package of just those would unpack:
     * the classes at their package paths, the jar (or class folder) of each library class under {@code lib/}, where
     * the runtime's class loader looks. For functions smaller than any jar this project builds: test handlers, the
     * cold-start floor.
     */
    public static Path layOut(Path taskRoot, List<Class<?>> functionClasses, List<Class<?>> librariesOf) {
        try {
            for (Class<?> function : functionClasses) {
                String file = function.getName().replace('.', '/') + ".class";
                Path target = taskRoot.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = function.getResourceAsStream("/" + file)) {
                    Files.copy(Objects.requireNonNull(in, file), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path lib = Files.createDirectories(taskRoot.resolve("lib"));
            for (Class<?> library : librariesOf) {
                Path jar = codeSourceOf(library);
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a task root in " + taskRoot, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path taskRoot;
        private String handler;
        private Path javaHome = Paths.get(System.getProperty("java.home"));
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean snapStart;
        private Path output;

        /** The unpacked function ({@link #unpack}); the process runs in it. */
        public Builder taskRoot(Path taskRoot) {
            this.taskRoot = taskRoot;
            return this;
        }

        /** As in the function's configuration: {@code package.Class::method}. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** The JDK to run on (default: the one running this code). */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** Options before the main class, as {@code JAVA_TOOL_OPTIONS} would add them. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** The function's environment variables, on top of the ones Lambda sets. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Runs the CRaC runtime hooks (beforeCheckpoint, afterRestore) after init, as SnapStart does. */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        /** Where the function's stdout and stderr go (default: a temporary file). */
        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        public LambdaFunctionProcess start(LambdaRuntimeApi api) throws IOException {
            Objects.requireNonNull(taskRoot, "taskRoot");
            Objects.requireNonNull(handler, "handler");
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin/java").toString());
            command.addAll(jvmOptions);
            if (snapStart) {
                command.add(CRAC_IMPLEMENTATION);
            }
            command.add("-cp");
            command.add(runtimeClassPath());
            command.add(AWSLambda.class.getName());
            command.add(handler);
            Path log = output != null ? output : Files.createTempFile("lambda-function", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            // nothing of the caller's own AWS or Powertools set-up may leak into the function
            env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("POWERTOOLS_")
                    || name.equals("JAVA_TOOL_OPTIONS") || name.startsWith("_X_AMZN"));
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "local");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/local");
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
            env.put("AWS_REGION", "eu-west-1");
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            // as Lambda sets it: the handlers prime their hot path differently for each
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? SNAPSTART_INITIALIZATION : ON_DEMAND_INITIALIZATION);
            env.putAll(environment);
            return new LambdaFunctionProcess(builder.start(), log);
        }
    }

    /** Lambda's /var/runtime/lib: the runtime interface client, its serializer, the core API, its utils. */
    private static String runtimeClassPath() {
        List<String> entries = new ArrayList<>();
        entries.add(libraryJar(AWSLambda.class, "aws-lambda-java-runtime-interface-client").toString());
        entries.add(libraryJar(PojoSerializer.class, "aws-lambda-java-serialization").toString());
        entries.add(libraryJar(RequestHandler.class, "aws-lambda-java-core").toString());
        entries.add(libraryJar(SdkInternalThreadLocal.class, "utils-lite").toString());
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The library's own jar ({@code artifactId-version.jar}), not the first jar holding the class: a shaded function
     * jar on the caller's class path carries aws-lambda-java-core too, and on the runtime's class path it would
     * hand every one of its classes to the application class loader instead of the runtime's.
     */
    private static Path libraryJar(Class<?> type, String artifactId) {
        String resource = type.getName().replace('.', '/') + ".class";
        List<String> holders = new ArrayList<>();
        try {
            for (URL copy : java.util.Collections.list(type.getClassLoader().getResources(resource))) {
                String location = copy.toString();
                if (location.startsWith("jar:file:")) {
                    Path jar = Paths.get(URI.create(location.substring("jar:".length(), location.indexOf("!/"))));
                    if (jar.getFileName().toString().startsWith(artifactId + "-")) {
                        return jar;
                    }
                }
                holders.add(location);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + resource, e);
        }
        throw new IllegalStateException("no " + artifactId + "-*.jar holding " + type.getName()
                + " on the class path (found it in " + holders + "); add " + artifactId + " as a dependency");
    }

    /** The jar a class was loaded from (or its class folder, in a build). */
    public static Path codeSourceOf(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}
