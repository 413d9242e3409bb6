package dev.thestack.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built Lambda jars the workload stacks deploy.
 *
 * @param todoJar   the Todo subgraph's shaded jar
 * @param mediaJar  the Media subgraph's shaded jar
 * @param routerJar the federation router's shaded jar
 */
public record ServiceArtifacts(Path todoJar, Path mediaJar, Path routerJar) {
    /** Where the Maven build of a checkout puts them. */
    public static ServiceArtifacts inCheckout(Path root) {
        return new ServiceArtifacts(root.resolve("services/todo/target/todo-lambda.jar"),
                root.resolve("services/media/target/media-lambda.jar"),
                root.resolve("services/router/target/router-lambda.jar"));
    }

    /**
     * Which jars are not built and how to build them, so the caller can say so instead of failing mid-synth;
     * empty when every jar is there.
     */
    public Optional<String> missing() {
        Map<String, Path> notBuilt = new TreeMap<>(Map.of(
                "services/todo", todoJar, "services/media", mediaJar, "services/router", routerJar));
        notBuilt.values().removeIf(Files::isRegularFile);
        if (notBuilt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the Lambda jars " + notBuilt.values() + " are not built; build them with ./stack build"
                + " (or mvn -B package -DskipTests -pl " + String.join(",", notBuilt.keySet()) + " -am)");
    }
}
