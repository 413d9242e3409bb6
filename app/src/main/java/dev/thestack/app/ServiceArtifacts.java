package dev.thestack.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built Lambda jars the workload stacks deploy.
 *
 * @param todoJar the Todo subgraph's shaded jar
 */
public record ServiceArtifacts(Path todoJar) {
    /** Where the Maven build of a checkout puts them. */
    public static ServiceArtifacts inCheckout(Path root) {
        return new ServiceArtifacts(root.resolve("services/todo/target/todo-lambda.jar"));
    }

    /** The artifacts that are not there, so the caller can say what to build instead of failing mid-synth. */
    public List<Path> missing() {
        List<Path> missing = new ArrayList<>();
        if (!Files.isRegularFile(todoJar)) {
            missing.add(todoJar);
        }
        return missing;
    }
}
