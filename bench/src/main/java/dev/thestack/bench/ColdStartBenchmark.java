package dev.thestack.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.thestack.services.awslocal.LambdaFunctionProcess;
import dev.thestack.services.awslocal.LambdaRuntimeApi;
import dev.thestack.services.media.AwsClients;
import dev.thestack.services.media.MediaHandler;
import dev.thestack.services.router.SubgraphEndpoints;
import dev.thestack.services.router.RouterHandler;
import dev.thestack.services.todo.DynamoDbClients;
import dev.thestack.services.todo.TodoHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.joda.time.DateTime;

/**
 * Cold start of each handler as Lambda's Java runtime starts it: a fresh JVM running the runtime interface client
 * in the unpacked function, timed from just before the process starts to the runtime API receiving the answer to
 * a real first request: for Todo and Media a GraphQL query that reads DynamoDB (dynalite), for the router a query
 * it plans and fetches from the Todo subgraph (served in this JVM, {@link BenchSubgraphs}). Each run starts every
 * handler once, the hello-world floor included, so the ratio to the floor compares starts on the same machine
 * under the same load. Not a test: the figures depend on the machine, and go to bench/README.md.
 *
 * <p>Arguments: {@code runs} (default 10), {@code work directory} (default bench/target/cold-start), then
 * {@code name=javaHome} per JDK (default: the JDK running this).
 */
public final class ColdStartBenchmark {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);
    private static final String TRACE = "Root=1-67000000-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1";
    private static final Duration MEASURED_EXIT = Duration.ofSeconds(5);
    // the JVM writes the AppCDS archive or AOT cache as it exits: the AOT cache takes a second JVM to assemble
    private static final Duration TRAINING_EXIT = Duration.ofMinutes(3);
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /**
     * What Lambda's java17 and java21 runtimes run with when the function sets nothing, and java25 too unless the
     * function uses SnapStart or provisioned concurrency: tiered compilation stopped at C1, and the serial collector
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html).
     */
    static final List<String> LAMBDA_DEFAULT_OPTIONS = List.of("-XX:+TieredCompilation", C1_ONLY, "-XX:+UseSerialGC");
    static final String LAMBDA_DEFAULT = "Lambda default (C1 + Serial GC)";
    /**
     * Optional: a folder with todo-lambda.jar, media-lambda.jar and router-lambda.jar of another build (say, before a
     * change), measured in the same run as rows "todo (baseline)" and so on.
     */
    static final String BASELINE_JARS = "COLD_START_BASELINE";
    /** Optional: the rows to measure, by their flags column, comma-separated (a quicker run while trimming). */
    static final String ONLY_ROWS = "COLD_START_ROWS";

    /** One handler as deployed: its task root, handler string, environment, and a first request it must answer. */
    record Function(String name, Path taskRoot, String handler, Map<String, String> environment, String firstEvent,
                    String expectedInAnswer) {
    }

    /** A JDK by the name the table shows. */
    record Jdk(String name, Path home) {
        int feature() {
            try {
                String release = Files.readString(home.resolve("release"));
                int at = release.indexOf("JAVA_VERSION=\"") + "JAVA_VERSION=\"".length();
                String version = release.substring(at, release.indexOf('"', at));
                return Integer.parseInt(version.split("[.]")[0]);
            } catch (IOException e) {
                throw new IllegalArgumentException("not a JDK (no readable release file): " + home, e);
            }
        }
    }

    /** How a class-data cache is made by a training run and then used. */
    enum Cache {
        NONE, APP_CDS, AOT_CACHE;

        List<String> training(Path file) {
            return switch (this) {
                case NONE -> List.of();
                case APP_CDS -> List.of("-XX:ArchiveClassesAtExit=" + file);
                case AOT_CACHE -> List.of("-XX:AOTCacheOutput=" + file);
            };
        }

        List<String> use(Path file) {
            return switch (this) {
                case NONE -> List.of();
                case APP_CDS -> List.of("-XX:SharedArchiveFile=" + file);
                case AOT_CACHE -> List.of("-XX:AOTCache=" + file);
            };
        }
    }

    /** A row's JVM set-up: a class-data cache or none, JVM options (C1 only, Lambda's own), or SnapStart's hooks. */
    record Flags(String name, Cache cache, List<String> jvmOptions, boolean snapStart) {
        List<String> options(Path cacheFile) {
            List<String> options = new ArrayList<>(cache.use(cacheFile));
            options.addAll(jvmOptions);
            return options;
        }

        /** The rows whose start is also profiled: each cache with the JVM's own options, and Lambda's default. */
        boolean profiled() {
            return !snapStart && (jvmOptions.isEmpty() || name.equals(LAMBDA_DEFAULT));
        }
    }

    /**
     * What one start measured; with SnapStart also when init and the priming hooks were done. The CPU time of all
     * the JVM's threads at the first answer shows whether a start waits or works: on this machine two cores
     * share a start's work (its own threads, the JIT's, the collector's).
     */
    record Start(long firstAnswerNanos, Optional<Duration> snapshotAt, Optional<Duration> firstEventRequestedAt,
                 Optional<Duration> cpuAtFirstAnswer) {
    }

    /**
     * Where a start's classes came from, by library, as package prefixes name them (the first that matches counts);
     * classes of the JDK, whatever their package, count as the JDK's.
     */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("Lambda runtime client", "com.amazonaws.services.lambda."),
            // its serializer's own shaded Jackson
            Map.entry("Lambda runtime client", "com.amazonaws.lambda."),
            Map.entry("AWS SDK v2: DynamoDB", "software.amazon.awssdk.services.dynamodb."),
            Map.entry("AWS SDK v2: S3", "software.amazon.awssdk.services.s3."),
            Map.entry("AWS SDK v2: Lambda", "software.amazon.awssdk.services.lambda."),
            Map.entry("AWS SDK v2: core, auth, HTTP", "software.amazon.awssdk."),
            Map.entry("X-Ray SDK", "com.amazonaws.xray."),
            Map.entry("Powertools", "software.amazon.lambda.powertools."),
            Map.entry("EMF library", "software.amazon.cloudwatchlogs."),
            Map.entry("AspectJ runtime", "org.aspectj."),
            Map.entry("log4j2", "org.apache.logging."),
            Map.entry("Jackson", "com.fasterxml.jackson."),
            Map.entry("graphql-java", "graphql."),
            Map.entry("federation-jvm", "com.apollographql."),
            Map.entry("the service's own", "dev.thestack."));
    private static final String JDK_CLASSES = "JDK";
    private static final String OTHER_CLASSES = "other";

    /** One start with the class-loading log: its table rows. */
    record ClassProfile(String sources, String phases, Map<String, Integer> byLibrary) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path work = Paths.get(args.length > 1 ? args[1] : "bench/target/cold-start").toAbsolutePath();
        List<Jdk> jdks = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] nameAndHome = args[i].split("=", 2);
            jdks.add(new Jdk(nameAndHome[0], Paths.get(nameAndHome[1])));
        }
        if (jdks.isEmpty()) {
            Path home = Paths.get(System.getProperty("java.home"));
            jdks.add(new Jdk("jdk" + Runtime.version().feature(), home));
        }
        // the subgraphs the router's first request reaches, and the tables Todo's and Media's read
        BenchSubgraphs subgraphs = BenchSubgraphs.start();
        try {
            List<Function> functions = functions(work, subgraphs);
            // every run trains its own caches: an archive of other jars would be refused or, worse, half used
            fresh(work.resolve("cache"));
            List<String> rows = new ArrayList<>();
            List<String> classRows = new ArrayList<>();
            List<String> phaseRows = new ArrayList<>();
            Map<String, Map<String, Integer>> libraryColumns = new LinkedHashMap<>();
            for (Jdk jdk : jdks) {
                for (Flags flags : flagSets(jdk)) {
                    rows.addAll(measure(jdk, flags, functions, runs, work));
                    if (flags.profiled()) {
                        for (Function function : functions) {
                            ClassProfile profile = classSources(jdk, flags, function, work);
                            classRows.add(profile.sources());
                            phaseRows.add(profile.phases());
                            if (flags.cache() == Cache.NONE) {
                                // the same classes with either row's options
                                libraryColumns.putIfAbsent(function.name() + " " + jdk.name(), profile.byLibrary());
                            }
                        }
                    }
                }
            }
            System.out.println();
            System.out.printf("Cold start, %d runs each (ms from JVM start to the first answer)%n%n", runs);
            System.out.println("| handler | JDK | flags | median ms | p90 ms | median / floor | CPU ms at the answer (median) |");
            System.out.println("|---|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.printf("%nWhere the first start's classes came from (one more start with -Xlog:class+load)%n%n");
            System.out.println("| handler | JDK | cache | classes loaded | from the cache | from the task root |");
            System.out.println("|---|---|---|---:|---:|---:|");
            classRows.forEach(System.out::println);
            System.out.printf("%nPhases of that start (ms; the JVM's uptime when the handler class loaded, then the"
                    + " runtime API's clock)%n%n");
            System.out.println("| handler | JDK | cache | JVM + runtime client until the handler class loads"
                    + " | handler init (until it asks for the first event) | first event until its answer | total |");
            System.out.println("|---|---|---|---:|---:|---:|---:|");
            phaseRows.forEach(System.out::println);
            System.out.printf("%nClasses loaded by library (the same starts, no cache)%n%n");
            printLibraryTable(libraryColumns);
        } finally {
            subgraphs.close();
        }
    }

    private static List<Function> functions(Path work, BenchSubgraphs subgraphs) throws IOException {
        String dynamoDb = subgraphs.dynamoDbEndpoint().toString();
        Map<String, String> apiGateway = Map.of("Content-Type", "application/json");
        Function floor = new Function("hello (floor)",
                LambdaFunctionProcess.layOut(fresh(work.resolve("task/hello")), List.of(HelloHandler.class),
                        List.of(RequestHandler.class, APIGatewayProxyRequestEvent.class, DateTime.class)),
                HelloHandler.class.getName() + "::handleRequest", Map.of(),
                event(apiGateway, "{}"), "\"hello\":\"world\"");
        Map<String, String> todoHeaders = Map.of("Content-Type", "application/json", "x-tenant-id", "bench");
        Function todo = new Function("todo",
                LambdaFunctionProcess.unpack(LambdaFunctionProcess.codeSourceOf(TodoHandler.class),
                        fresh(work.resolve("task/todo"))),
                TodoHandler.class.getName() + "::handleRequest",
                deployed(TodoHandler.ENV_TABLE_NAME, BenchSubgraphs.TODO_TABLE,
                        DynamoDbClients.ENV_ENDPOINT, dynamoDb,
                        "AWS_ACCESS_KEY_ID", "dynalite",
                        "AWS_SECRET_ACCESS_KEY", "dynalite",
                        "POWERTOOLS_SERVICE_NAME", "todo"),
                event(todoHeaders, "{\"query\":\"{ todos(limit: 10) { id title done } }\"}"), "\"todos\":[");
        Function media = new Function("media",
                LambdaFunctionProcess.unpack(LambdaFunctionProcess.codeSourceOf(MediaHandler.class),
                        fresh(work.resolve("task/media"))),
                MediaHandler.class.getName() + "::handleRequest",
                deployed(MediaHandler.ENV_TABLE_NAME, BenchSubgraphs.MEDIA_TABLE,
                        MediaHandler.ENV_BUCKET, "bench-media",
                        MediaHandler.ENV_TRANSCODE_ROLE_ARN, "arn:aws:iam::123456789012:role/bench-transcode",
                        AwsClients.ENV_DYNAMODB_ENDPOINT, dynamoDb,
                        // the first request reads DynamoDB only: S3 is never called
                        AwsClients.ENV_ENDPOINT, BenchSubgraphs.unusedLoopbackPort().toString(),
                        "AWS_ACCESS_KEY_ID", "dynalite",
                        "AWS_SECRET_ACCESS_KEY", "dynalite",
                        "POWERTOOLS_SERVICE_NAME", "media"),
                event(todoHeaders, "{\"query\":\"{ attachment(id: \\\"00000000-0000-4000-8000-000000000000\\\") { id } }\"}"),
                "\"attachment\":null");
        String todosQuery = "{\"query\":\"{ todos(limit: 10) { id title done } }\"}";
        Function router = new Function("router",
                LambdaFunctionProcess.unpack(LambdaFunctionProcess.codeSourceOf(RouterHandler.class),
                        fresh(work.resolve("task/router"))),
                RouterHandler.class.getName() + "::handleRequest",
                deployed(SubgraphEndpoints.ENV_URL_PREFIX + "TODO", subgraphs.urls().get("todo").toString(),
                        SubgraphEndpoints.ENV_URL_PREFIX + "MEDIA", subgraphs.urls().get("media").toString(),
                        "POWERTOOLS_SERVICE_NAME", "router"),
                event(todoHeaders, todosQuery), "\"todos\":[");
        // Todo's jar with a handler that only sets its libraries up and uses each once
        Function libraries = new Function("todo's libraries only",
                LambdaFunctionProcess.layOut(LambdaFunctionProcess.unpack(
                        LambdaFunctionProcess.codeSourceOf(TodoHandler.class), fresh(work.resolve("task/libraries"))),
                        List.of(LibrariesFloorHandler.class), List.of()),
                LibrariesFloorHandler.class.getName() + "::handleRequest", todo.environment(),
                event(todoHeaders, "{}"), "\"libraries\":\"ready\"");
        List<Function> functions = new ArrayList<>(List.of(floor, libraries, todo, media, router));
        String baseline = System.getenv(BASELINE_JARS);
        if (baseline != null && !baseline.isBlank()) {
            for (Function function : List.of(todo, media, router)) {
                Path jar = Paths.get(baseline, function.name() + "-lambda.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException(BASELINE_JARS + "=" + baseline + " has no " + jar.getFileName()
                            + "; copy the baseline build's services/" + function.name() + "/target/"
                            + jar.getFileName() + " there");
                }
                functions.add(new Function(function.name() + " (baseline)",
                        LambdaFunctionProcess.unpack(jar, fresh(work.resolve("task/" + function.name() + "-baseline"))),
                        function.handler(), function.environment(), function.firstEvent(), function.expectedInAnswer()));
            }
        }
        return functions;
    }

    /**
     * The function's own variables and those services/constructs' ServiceFunctions gives every function as
     * deployed (EMF told it runs in Lambda), as name, value, name, value...
     */
    private static Map<String, String> deployed(String... namesAndValues) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        variables.put("AWS_EMF_ENVIRONMENT", "Lambda");
        return variables;
    }

    private static List<Flags> flagSets(Jdk jdk) {
        List<String> c1 = List.of(C1_ONLY);
        List<Flags> sets = new ArrayList<>(List.of(
                new Flags(LAMBDA_DEFAULT, Cache.NONE, LAMBDA_DEFAULT_OPTIONS, false),
                new Flags("default", Cache.NONE, List.of(), false),
                new Flags(C1_ONLY, Cache.NONE, c1, false),
                new Flags("AppCDS", Cache.APP_CDS, List.of(), false),
                new Flags("AppCDS + C1", Cache.APP_CDS, c1, false)));
        // the AOT cache (JEP 483, 514, 515) is the JDK 24+ successor of AppCDS: classes loaded and linked, profiles
        if (jdk.feature() >= 25) {
            sets.add(new Flags("AOTCache", Cache.AOT_CACHE, List.of(), false));
            sets.add(new Flags("AOTCache + C1", Cache.AOT_CACHE, c1, false));
        }
        sets.add(new Flags("SnapStart hooks (no restore)", Cache.NONE, List.of(), true));
        String only = System.getenv(ONLY_ROWS);
        if (only == null || only.isBlank()) {
            return sets;
        }
        List<String> wanted = List.of(only.split(","));
        List<Flags> chosen = sets.stream().filter(flags -> wanted.contains(flags.name())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(ONLY_ROWS + "='" + only + "' names no row; the rows of " + jdk.name()
                    + " are " + sets.stream().map(Flags::name).toList() + " (comma-separated)");
        }
        return chosen;
    }

    private static List<String> measure(Jdk jdk, Flags flags, List<Function> functions, int runs, Path work)
            throws Exception {
        Map<Function, Path> caches = new LinkedHashMap<>();
        for (Function function : functions) {
            Path cache = cacheFile(work, jdk, flags.cache(), function);
            if (flags.cache() != Cache.NONE && !Files.exists(cache)) {
                train(jdk, function, flags.cache(), cache, work);
            }
            caches.put(function, cache);
        }
        Map<Function, List<Start>> starts = new LinkedHashMap<>();
        functions.forEach(function -> starts.put(function, new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (Function function : functions) {
                starts.get(function).add(start(jdk, function, flags.options(caches.get(function)),
                        flags.snapStart(), work));
            }
        }
        List<String> rows = new ArrayList<>();
        double floorMedian = median(starts.get(functions.get(0)).stream().map(Start::firstAnswerNanos).toList());
        for (Function function : functions) {
            List<Long> nanos = starts.get(function).stream().map(Start::firstAnswerNanos).toList();
            List<Long> cpu = starts.get(function).stream()
                    .flatMap(start -> start.cpuAtFirstAnswer().stream()).map(Duration::toNanos).toList();
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.2fx | %s |", function.name(), jdk.name(),
                    flags.name(), millis(median(nanos)), millis(percentile(nanos, 90)), median(nanos) / floorMedian,
                    cpu.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f", millis(median(cpu)))));
            if (flags.snapStart()) {
                List<Long> snapshot = starts.get(function).stream()
                        .map(start -> start.snapshotAt().orElseThrow(() -> new IllegalStateException(
                                function.name() + " never asked to be restored: the SnapStart hooks did not run"))
                                .toNanos())
                        .toList();
                List<Long> afterSnapshot = new ArrayList<>();
                for (int i = 0; i < nanos.size(); i++) {
                    afterSnapshot.add(nanos.get(i) - snapshot.get(i));
                }
                rows.add(String.format(Locale.ROOT, "| %s | %s | init + beforeCheckpoint (snapshot point) | %.0f | %.0f | | |",
                        function.name(), jdk.name(), millis(median(snapshot)), millis(percentile(snapshot, 90))));
                rows.add(String.format(Locale.ROOT, "| %s | %s | first answer after afterRestore (restore itself not emulated) | %.0f | %.0f | | |",
                        function.name(), jdk.name(), millis(median(afterSnapshot)), millis(percentile(afterSnapshot, 90))));
            }
        }
        rows.forEach(System.out::println);
        return rows;
    }

    /**
     * Whether a cache covers the function's own classes (the runtime client loads them through its own class loader
     * from the task root, which class-data archives may not serve), which libraries the classes come from, and the
     * start's phases: the JVM and runtime client until the handler class loads (the log's uptime), the handler's
     * construction until the client asks for the first event, and that first event until its answer. Counted from
     * one start's class-loading log, which itself slows the start a little.
     */
    private static ClassProfile classSources(Jdk jdk, Flags flags, Function function, Path work) throws Exception {
        // kept per start, for a closer look at what a start loads
        Path log = work.resolve("class-load/" + jdk.name() + "-" + flags.cache().name().toLowerCase(Locale.ROOT) + "-"
                + function.taskRoot().getFileName() + ".log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        List<String> options = new ArrayList<>(flags.options(cacheFile(work, jdk, flags.cache(), function)));
        options.add("-Xlog:class+load=info:file=" + log + ":uptimenanos");
        Start start = start(jdk, function, options, false, work);
        // as the log writes code sources: file:/path/ (and jar:file:/path/lib/x.jar for lib/)
        String taskRoot = "file:" + function.taskRoot().toAbsolutePath() + "/";
        String handlerClass = function.handler().substring(0, function.handler().indexOf("::"));
        long handlerLoadedNanos = -1;
        int loaded = 0;
        int fromCache = 0;
        int fromTaskRoot = 0;
        Map<String, Integer> byLibrary = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            int source = line.indexOf(" source: ");
            if (source < 0) {
                continue;
            }
            loaded++;
            String from = line.substring(source + " source: ".length());
            // [123456789ns] java.lang.Object source: ...
            String className = line.substring(line.indexOf("] ") + 2, source);
            if (from.startsWith("shared objects file")) {
                fromCache++;
            } else if (from.contains(taskRoot)) {
                fromTaskRoot++;
            }
            if (className.equals(handlerClass)) {
                handlerLoadedNanos = Long.parseLong(line.substring(1, line.indexOf("ns]")));
            }
            byLibrary.merge(library(className, from), 1, Integer::sum);
        }
        Duration initDone = start.firstEventRequestedAt().orElseThrow(() -> new IllegalStateException(
                function.name() + " answered without asking for an event"));
        String phases = String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f |", function.name(),
                jdk.name(), flags.name(), millis(handlerLoadedNanos), millis(initDone.toNanos() - handlerLoadedNanos),
                millis(start.firstAnswerNanos() - initDone.toNanos()), millis(start.firstAnswerNanos()));
        return new ClassProfile(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |", function.name(),
                jdk.name(), flags.name(), loaded, fromCache, fromTaskRoot), phases, byLibrary);
    }

    private static void printLibraryTable(Map<String, Map<String, Integer>> columns) {
        List<String> libraries = new ArrayList<>();
        libraries.add(JDK_CLASSES);
        LIBRARIES.stream().map(Map.Entry::getKey).distinct().forEach(libraries::add);
        libraries.add(OTHER_CLASSES);
        System.out.println("| library | " + String.join(" | ", columns.keySet()) + " |");
        System.out.println("|---|" + "---:|".repeat(columns.size()));
        for (String library : libraries) {
            StringBuilder row = new StringBuilder("| " + library + " |");
            columns.values().forEach(counts -> row.append(' ').append(counts.getOrDefault(library, 0)).append(" |"));
            System.out.println(row);
        }
    }

    private static String library(String className, String source) {
        if (source.startsWith("jrt:/")) {
            return JDK_CLASSES;
        }
        return LIBRARIES.stream().filter(library -> className.startsWith(library.getValue())).map(Map.Entry::getKey)
                .findFirst()
                // without a cache of its own, the JVM's shared archive holds only JDK classes
                .orElse(source.startsWith("shared objects file") ? JDK_CLASSES : OTHER_CLASSES);
    }

    private static Path cacheFile(Path work, Jdk jdk, Cache cache, Function function) {
        return work.resolve("cache/" + jdk.name() + "-" + cache.name().toLowerCase(Locale.ROOT) + "-"
                + function.taskRoot().getFileName() + (cache == Cache.AOT_CACHE ? ".aot" : ".jsa"));
    }

    /** The training run: one start and first request, then a normal exit, at which the JVM writes the cache. */
    private static void train(Jdk jdk, Function function, Cache cache, Path file, Path work) throws Exception {
        Files.createDirectories(file.getParent());
        start(jdk, function, cache.training(file), false, work, TRAINING_EXIT);
        if (!Files.exists(file)) {
            throw new IllegalStateException("the training run of " + function.name() + " on " + jdk.name()
                    + " wrote no " + file + "; see " + work.resolve("last-start.log"));
        }
    }

    private static Start start(Jdk jdk, Function function, List<String> options, boolean snapStart, Path work)
            throws Exception {
        return start(jdk, function, options, snapStart, work, MEASURED_EXIT);
    }

    private static Start start(Jdk jdk, Function function, List<String> options, boolean snapStart, Path work,
                               Duration exitGrace) throws Exception {
        Path log = work.resolve("last-start.log");
        try (LambdaRuntimeApi api = new LambdaRuntimeApi()) {
            LambdaFunctionProcess.Builder builder = LambdaFunctionProcess.builder()
                    .taskRoot(function.taskRoot())
                    .handler(function.handler())
                    .javaHome(jdk.home())
                    .jvmOptions(options)
                    .environment(function.environment())
                    .snapStart(snapStart)
                    .output(log);
            String requestId = api.invoke(function.firstEvent(), TRACE);
            api.start();
            LambdaFunctionProcess process = builder.start(api);
            try {
                LambdaRuntimeApi.Answer answer = api.awaitAnswer(requestId, ANSWER_TIMEOUT).orElseThrow(() ->
                        new IllegalStateException(function.name() + " on " + jdk.name() + " " + options
                                + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s:\n" + process.output()));
                // the handler's body is a JSON string inside the proxy response
                if (answer.error() || !answer.body().contains(escaped(function.expectedInAnswer()))) {
                    throw new IllegalStateException(function.name() + " on " + jdk.name() + " " + options
                            + " answered " + answer.body() + "\n" + process.output());
                }
                return new Start(answer.nanosSinceStart(), api.snapshotTakenAfter(), api.firstEventRequestedAfter(),
                        process.cpuTime());
            } finally {
                process.stop(exitGrace);
            }
        }
    }

    private static String event(Map<String, String> headers, String body) {
        StringBuilder json = new StringBuilder("{\"httpMethod\":\"POST\",\"path\":\"/graphql\",\"headers\":{");
        headers.forEach((name, value) -> json.append('"').append(name).append("\":\"").append(value).append("\","));
        json.setLength(json.length() - 1);
        return json.append("},\"body\":").append(quote(body))
                .append(",\"isBase64Encoded\":false,\"requestContext\":{\"requestId\":\"cold-start\"}}").toString();
    }

    private static String quote(String text) {
        return '"' + escaped(text) + '"';
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static double median(List<Long> values) {
        return percentile(values, 50);
    }

    /** Nearest rank: the smallest value with at least p percent of the values at or below it. */
    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double millis(double nanos) {
        return nanos / 1_000_000.0;
    }
}
