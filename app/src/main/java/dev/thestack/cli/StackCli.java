package dev.thestack.cli;

import dev.thestack.app.AssemblyOutput;
import dev.thestack.app.ServiceArtifacts;
import dev.thestack.app.SummaryPrinter;
import dev.thestack.app.Synthesizer;
import dev.thestack.governance.GovernanceChecks;
import dev.thestack.routing.AlarmRules;
import dev.thestack.routing.RouteEvaluator;
import dev.thestack.governance.GovernanceReport;
import dev.thestack.model.AccountRole;
import dev.thestack.model.ConfigException;
import dev.thestack.model.StackConfig;
import dev.thestack.model.StackConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./stack}: validate stack.yaml, synthesize the organization, run the demo. */
@Command(name = "stack", mixinStandardHelpOptions = true, version = "The Stack 0.1.0",
        description = "Provisions and observes a whole AWS organization from one stack.yaml.",
        footer = {"  build       Rebuild the toolkit; ./stack does it by itself when a source changed.",
                "", "Exit codes: 0 ok, 1 a check failed (e.g. an unsuppressed cdk-nag error), 2 invalid stack.yaml, usage or --out."},
        subcommands = {StackCli.Validate.class, StackCli.Synth.class, StackCli.Demo.class, StackCli.Governance.class, StackCli.Controls.class, StackCli.Route.class,
                StackCli.CdkApp.class})
public final class StackCli {
    /** Exit codes: scripts can tell a bad config from a failed check. */
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new StackCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException config) {
                err.println("error: " + config.getMessage());
                err.println("nothing was written.");
                return BAD_CONFIG;
            }
            if (e instanceof AssemblyOutput.OutputFolderException output) {
                err.println("error: " + output.getMessage() + "; nothing was written.");
                return BAD_CONFIG;
            }
            // jsii errors carry the JavaScript stack after the first line: the first line is what the user needs
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            err.println("error: " + message);
            return CHECK_FAILED;
        });
        return cli.execute(args);
    }

    static final class ConfigOption {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "stack.yaml",
                description = "the organization to read (default: ${DEFAULT-VALUE})")
        Path config;

        StackConfig load() {
            StackConfig model = StackConfigLoader.load(config);
            GovernanceChecks.check(model, config.toString());
            if (model.alarmRouting().isPresent()) {
                AlarmRules.checkSizes(model, config.toString());
            }
            return model;
        }
    }

    static final class SynthOptions {
        @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "cdk.out",
                description = "where the cloud assembly goes (default: ${DEFAULT-VALUE}); replaced only on success")
        Path out;
    }

    /** The checkout the launcher runs from: where the built Lambda jars are. */
    static Path root() {
        return Path.of(System.getProperty("thestack.root", ".")).toAbsolutePath().normalize();
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check stack.yaml and print what it describes; writes nothing.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            StackConfig model = config.load();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s is valid: organization %s, %d OUs, %d accounts (%d workload), %d environments, %d tenants%n",
                    config.config, model.organization().name(), model.organizationalUnits().size(),
                    model.accounts().size(), model.workloadAccounts().size(), model.environments().size(),
                    model.tenants().size());
            for (AccountRole role : AccountRole.values()) {
                model.accounts().stream().filter(a -> a.role() == role).forEach(a -> out.printf(
                        "  %-10s %-20s %s %s%s%n", role.yamlName(), a.name(), a.id(), a.region(),
                        a.environment().map(e -> " (" + e + ")").orElse("")));
            }
            return OK;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true, description = "Synthesize every account's stack into a cloud assembly, run cdk-nag, print a per-account summary.")
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Mixin
        SynthOptions options;

        @Override
        public Integer call() {
            return synthesize(spec, config, options.out, "", spec.commandLine().getOut());
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "The main job: validate stack.yaml, synthesize the whole organization, summarize it.")
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Mixin
        SynthOptions options;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("== 1/2 validate " + config.config);
            StackConfig model = config.load();
            out.printf("   valid: %d accounts, %d OUs, %d environments%n", model.accounts().size(),
                    model.organizationalUnits().size(), model.environments().size());
            out.println("== 2/2 synthesize the organization");
            return synthesize(spec, config, options.out, "   ", spec.commandLine().getOut());
        }
    }

    /** Output formats of the governance report. */
    enum Format { text, md, json }

    @Command(name = "governance", mixinStandardHelpOptions = true,
            description = "Print what governs each OU, for an auditor: the landing zone, then per OU its accounts, "
                    + "Control Tower registration, controls enabled and inherited (with deploy wave), service control "
                    + "policies attached and inherited, SCP budget, and the tag policy; writes nothing.")
    static final class Governance implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
                description = "text, md or json (default: ${DEFAULT-VALUE})")
        Format format;

        @Override
        public Integer call() {
            GovernanceReport report = GovernanceReport.of(config.load());
            spec.commandLine().getOut().print(switch (format) {
                case text -> report.text();
                case md -> report.markdown();
                case json -> report.json() + "\n";
            });
            spec.commandLine().getOut().flush();
            return OK;
        }
    }

    @Command(name = "controls", mixinStandardHelpOptions = true,
            description = "List the Control Tower controls the toolkit knows: the ones an OU may enable under "
                    + "controls: in stack.yaml and the mandatory ones it may not, with behaviour, guidance, identifier "
                    + "and meaning; writes nothing.")
    static final class Controls implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
                description = "text or md (default: ${DEFAULT-VALUE})")
        Format format;

        @Override
        public Integer call() {
            if (format == Format.json) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format json is not offered here: use text or md");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(ControlCatalogTable.render(format == Format.md));
            out.flush();
            return OK;
        }
    }

    @Command(name = "route", mixinStandardHelpOptions = true,
            description = "Show which destinations a CloudWatch alarm state-change event reaches: the central bus's "
                    + "rules as synthesized from stack.yaml, matched with EventBridge's own engine (event-ruler); "
                    + "writes nothing.")
    static final class Route implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Option(names = {"-e", "--event"}, required = true, paramLabel = "FILE",
                description = "the event as EventBridge delivers it (JSON); - reads standard input")
        String event;

        @Override
        public Integer call() throws java.io.IOException {
            StackConfig model = config.load();
            if (model.alarmRouting().isEmpty()) {
                spec.commandLine().getErr().println("error: " + config.config + " has no alarmRouting section, so "
                        + "alarms are not routed; add one (README, stack.yaml reference)");
                return BAD_CONFIG;
            }
            String json;
            if ("-".equals(event)) {
                json = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } else if (!java.nio.file.Files.isRegularFile(Path.of(event))) {
                spec.commandLine().getErr().println("error: no event file " + event + " (give the path of a JSON file, or - for standard input)");
                return BAD_CONFIG;
            } else {
                try {
                    json = java.nio.file.Files.readString(Path.of(event));
                } catch (java.nio.charset.CharacterCodingException e) {
                    spec.commandLine().getErr().println("error: " + event + " is not UTF-8 text; EventBridge events are "
                            + "UTF-8 JSON (convert it: iconv -f LATIN1 -t UTF-8)");
                    return BAD_CONFIG;
                }
            }
            RouteEvaluator.Evaluation evaluation;
            try {
                evaluation = new RouteEvaluator(model).evaluate(json);
            } catch (RouteEvaluator.InvalidEventException e) {
                spec.commandLine().getErr().println("error: " + ("-".equals(event) ? "standard input" : event) + ": " + e.getMessage());
                return BAD_CONFIG;
            }
            PrintWriter out = spec.commandLine().getOut();
            RouteReport.print(model, evaluation, out);
            out.flush();
            return evaluation.matched().isEmpty() ? CHECK_FAILED : OK;
        }
    }

    /** Run by the CDK CLI through cdk.json: synthesizes into the folder the CLI names in CDK_OUTDIR. */
    @Command(name = "cdk-app", hidden = true, mixinStandardHelpOptions = true,
            description = "Entry point for the CDK CLI (cdk.json).")
    static final class CdkApp implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            String outdir = System.getenv("CDK_OUTDIR");
            if (outdir == null) {
                spec.commandLine().getErr().println("error: CDK_OUTDIR is not set; this command is run by the CDK CLI (npx aws-cdk synth). "
                        + "Use ./stack synth instead.");
                return CHECK_FAILED;
            }
            // the CDK CLI prints the app's stdout as its own (cdk ls, cdk synth > template.yaml): report on stderr
            return synthesize(spec, config, Path.of(outdir), "", spec.commandLine().getErr());
        }
    }

    static int synthesize(CommandSpec spec, ConfigOption config, Path out, String indent, PrintWriter stdout) {
        StackConfig model = config.load();
        Synthesizer.Result result = new Synthesizer(line -> stdout.println(indent + "… " + line))
                .synth(model, ServiceArtifacts.inCheckout(root()), out);
        stdout.println();
        SummaryPrinter.print(result.accounts(), stdout);
        StringBuilder refused = new StringBuilder();
        for (Synthesizer.CheckFindings check : result.checks()) {
            check.findings().forEach(finding -> stdout.printf("    %-11s %s%n", check.label(), finding));
            if (!check.findings().isEmpty()) {
                refused.append(check.findings().size()).append(' ').append(check.meaning())
                        .append(" (").append(check.label()).append(" above); ");
            }
        }
        if (!result.passed()) {
            long nagErrors = result.accounts().stream().mapToLong(a -> a.nag().unsuppressedErrors().size()).sum();
            spec.commandLine().getErr().println("error: the synthesis was refused: " + refused
                    + (nagErrors == 0 ? "" : nagErrors + " unsuppressed cdk-nag error(s) are listed above as NAG ERROR "
                    + "(fix them, or suppress each with a written reason in NagSuppressionsCatalog). ")
                    + "The rejected assembly is in " + result.assembly() + "; " + out + " was left unchanged.");
            return CHECK_FAILED;
        }
        stdout.println("cloud assembly: " + result.assembly() + "  (list its stacks: node-tools/node_modules/.bin/cdk ls --app "
                + result.assembly() + ")");
        return OK;
    }
}
