package dev.thestack.app;

import dev.thestack.model.StackConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Synthesizes the organization into a cloud assembly without ever leaving a half-written one behind: synthesis goes
 * to a staging folder that replaces the output folder only when every stack passed cdk-nag and the organization's
 * own checks found nothing: every taggable resource carries the required cost-allocation tags, and no log is kept
 * forever ({@link AssemblyOutput}).
 */
public final class Synthesizer {
    private final Consumer<String> progress;

    public Synthesizer(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * @param out where the assembly ends up on success
     * @return the per-account summary; {@link Result#passed()} false when nag errors remain (the rejected
     * assembly is kept at {@link Result#assembly()} for inspection, and {@code out} is left as it was)
     */
    public Result synth(StackConfig config, ServiceArtifacts artifacts, Path out) {
        artifacts.missing().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        try (AssemblyOutput output = AssemblyOutput.open(out)) {
            long started = System.nanoTime();
            progress.accept("starting the CDK runtime (jsii; the first call takes a few seconds)");
            OrganizationApp app = new OrganizationApp(config, artifacts, output.staging());
            progress.accept("built " + app.stackNames().size() + " stacks in " + seconds(started)
                    + "; synthesizing and running cdk-nag (AwsSolutions)");
            long synthStarted = System.nanoTime();
            app.synth();
            progress.accept("synthesized in " + seconds(synthStarted));
            List<AccountSummary> summaries = AssemblyReader.summarize(output.staging(), config);
            List<CheckFindings> checks = List.of(
                    new CheckFindings("UNTAGGED", "resource(s) lack required cost tags", app.untaggedResources()),
                    new CheckFindings("NO RETENTION", "log group(s) or function(s) would keep logs forever",
                            app.logsWithoutRetention()));
            boolean passed = checks.stream().allMatch(c -> c.findings().isEmpty())
                    && summaries.stream().allMatch(s -> s.nag().unsuppressedErrors().isEmpty());
            return new Result(summaries, checks, passed ? output.commit() : output.reject(), passed);
        }
    }

    /**
     * @param checks the organization's own checks; any finding makes the synthesis fail like a nag error
     */
    public record Result(List<AccountSummary> accounts, List<CheckFindings> checks, Path assembly, boolean passed) {
    }

    /**
     * What one of the organization's checks found after synthesis.
     *
     * @param label    printed before each finding, e.g. {@code UNTAGGED}
     * @param meaning  what the findings are, after their count: "3 resource(s) lack required cost tags"
     * @param findings one line per offending resource
     */
    public record CheckFindings(String label, String meaning, List<String> findings) {
        public CheckFindings {
            findings = List.copyOf(findings);
        }
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
