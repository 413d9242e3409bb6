package dev.thestack.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StackCliTest {
    static final Path ROOT = Path.of(System.getProperty("thestack.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run stack(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateDescribesAValidOrganization() {
        Run run = stack("validate", "--config", ROOT.resolve("stack.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("is valid: organization acme", "8 accounts (4 workload)")
                .contains("monitoring", "444444444444");
    }

    @Test
    void aBadConfigExitsWithTwoNamesEveryProblemAndWritesNothing() throws IOException {
        String yaml = Files.readString(ROOT.resolve("stack.yaml"))
                .replace("aws-audit@acme.example", "not-an-email")
                .replace("role: monitoring", "role: monitor");
        Path config = dir.resolve("stack.yaml");
        Files.writeString(config, yaml);
        Path out = dir.resolve("cdk.out");

        Run run = stack("synth", "--config", config.toString(), "--out", out.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("accounts[2].email", "accounts[3].role", "use one of [management, logs, audit, monitoring, workload]")
                .contains("nothing was written");
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("cdk.out"));
    }

    @Test
    void anOutFolderThatIsNotAnAssemblyIsNeverReplaced() throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");

        Run run = stack("synth", "--config", ROOT.resolve("stack.yaml").toString(), "--out", mine.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not a cloud assembly", "nothing was written");
        assertThat(mine.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void aMissingConfigFileIsABadConfig() {
        Run run = stack("validate", "--config", dir.resolve("nope.yaml").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run run = stack("deploy-everything");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"validate", "synth", "demo"}) {
            Run run = stack(command, "--help");
            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out()).contains("Usage: stack " + command, "--config");
        }
        assertThat(stack("--help").out()).contains("build", "Exit codes");
    }

    @Test
    void governanceShowsEachOusAccountsControlsPoliciesAndTagPolicyInEveryFormat() throws IOException {
        String config = ROOT.resolve("stack.yaml").toString();

        Run md = stack("governance", "--config", config, "--format", "md");
        assertThat(md.exit()).as(md.err()).isZero();
        assertThat(md.out()).contains("Control Tower landing zone 4.0, home region eu-west-1")
                .contains("| OU | accounts | registration | controls here | controls inherited | SCPs attached here "
                        + "| SCPs inherited | SCP budget used | tag policy |")
                .containsPattern("\\| Workloads/Prod \\| prod-multi-tenant \\(555555555555, workload\\)<br>prod-globex "
                        + "\\(666666666666, workload\\) \\| AWSControlTowerBaseline 4.0 \\| AWS-GR_S3_VERSIONING_ENABLED "
                        + "\\(detective, wave \\d\\)<br>.* \\| AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS \\(from Workloads\\)<br>.*"
                        + "\\| — \\| deny-leave-organization<br>deny-root-user<br>deny-ungoverned-regions<br>"
                        + "protect-audit-trail<br>protect-security-services \\| 0/2 \\| acme-cost-allocation-tags \\(root\\) \\|")
                .contains("| CT.MULTISERVICE.PV.1 | preventive | elective | nothing outside the allowed regions, for one OU "
                        + "| `arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580` |")
                .contains("- `CostCenter`: CC-1000, CC-2000");

        Run json = stack("governance", "--config", config, "--format", "json");
        assertThat(json.exit()).isZero();
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(tree.path("organizationalUnits")).hasSize(6);
        assertThat(tree.path("managementAccount").path("id").asText()).isEqualTo("111111111111");
        assertThat(tree.path("landingZone").path("version").asText()).isEqualTo("4.0");
        var prod = tree.path("organizationalUnits").get(3);
        assertThat(prod.path("path").asText()).as("tree order: Workloads, then its children").isEqualTo("Workloads/Prod");
        assertThat(prod.path("controls").get(0).path("wave").asInt()).isPositive();
        assertThat(prod.path("inheritedControls").get(0).path("from").asText()).isEqualTo("Workloads");
        assertThat(tree.path("tagPolicy").path("allowedValues").path("Environment").toString())
                .isEqualTo("[\"prod\",\"integration\",\"dev\",\"shared\"]");

        Run text = stack("governance", "--config", config);
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("Sandbox   [SCP budget 1/2", "accounts:  dev-alice (888888888888, workload)",
                "registration: AWSControlTowerBaseline 4.0");

        Run bad = stack("governance", "--config", config, "--format", "pdf");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("expected one of [text, md, json]");
    }

    @Test
    void routeShowsWhereAnAlarmEventGoesAndRefusesWhatIsNotOne(@TempDir Path dir) throws IOException {
        Path example = ROOT.resolve("examples/events/prod-critical-alarm.json");
        Run routed = stack("route", "--config", ROOT.resolve("stack.yaml").toString(), "--event", example.toString());

        assertThat(routed.exit()).as(routed.err()).isZero();
        assertThat(routed.out()).contains("account:     555555555555 (environment: prod)", "team:        product",
                "severity:    Critical", "-> pager (pager, HTTPS endpoint from SSM parameter /acme/oncall/pager-url)",
                "rule route-page-critical");

        Path dev = dir.resolve("dev.json");
        Files.writeString(dev, Files.readString(example).replace("555555555555", "888888888888"));
        Run devRun = stack("route", "--config", ROOT.resolve("stack.yaml").toString(), "--event", dev.toString());
        assertThat(devRun.out()).contains("environment: dev", "-> chat").doesNotContain("-> pager");

        Path other = dir.resolve("ec2.json");
        Files.writeString(other, "{\"source\": \"aws.ec2\", \"detail-type\": \"EC2 Instance State-change Notification\"}");
        Run wrongType = stack("route", "--config", ROOT.resolve("stack.yaml").toString(), "--event", other.toString());
        assertThat(wrongType.exit()).isEqualTo(2);
        assertThat(wrongType.err()).contains("only receives 'CloudWatch Alarm State Change' events");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"source\": ");
        Run notJson = stack("route", "--config", ROOT.resolve("stack.yaml").toString(), "--event", broken.toString());
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("not valid JSON");
        assertThat(stack("route", "--config", ROOT.resolve("stack.yaml").toString(), "--event", dir.resolve("none.json").toString())
                .err()).contains("no event file");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, Files.readString(example).replace("Threshold", "Schwelle \u00fcberschritten")
                .getBytes(StandardCharsets.ISO_8859_1));
        Run notUtf8 = stack("route", "--config", ROOT.resolve("stack.yaml").toString(), "--event", latin1.toString());
        assertThat(notUtf8.exit()).isEqualTo(2);
        assertThat(notUtf8.err()).contains("is not UTF-8 text");
    }

    @Test
    void controlsListsTheCatalogWithIdentifiersAndTheSecurityOuRule() {
        Run md = stack("controls", "--format", "md");

        assertThat(md.exit()).as(md.err()).isZero();
        assertThat(md.out()).contains("| CT.MULTISERVICE.PV.1 | preventive | elective | controlcatalog ka8e3pkqefnjsxuyc26ji580 "
                        + "| AllowedRegions, ExemptedPrincipalArns, ExemptedActions | not allowed "
                        + "| nothing outside the allowed regions, for one OU |")
                .contains("| AWS-GR_CLOUDTRAIL_ENABLED | preventive | mandatory | (applied by Control Tower) | — | applied by Control Tower |")
                .contains("| CT.S3.PR.1 | proactive | elective | give catalogId | — | not allowed |")
                .doesNotContain("| AWS-GR_REGION_DENY |");
        assertThat(stack("controls", "--format", "json").exit()).isEqualTo(2);
    }

    @Test
    void cdkAppRefusesToRunOutsideTheCdkCli() {
        Run run = stack("cdk-app", "--config", ROOT.resolve("stack.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("CDK_OUTDIR is not set");
    }

    @Test
    void synthWritesTheAssemblyAndPrintsAPerAccountSummary() throws IOException {
        Path out = dir.resolve("assembly");
        Files.createDirectories(out);
        Files.writeString(out.resolve("manifest.json"), "{}");
        Files.writeString(out.resolve("stale.txt"), "from an earlier run");

        Run run = stack("synth", "--config", ROOT.resolve("stack.yaml").toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("starting the CDK runtime", "synthesized in")
                .containsPattern("prod-globex +666666666666 +eu-west-1 +85 +27 +1 +0/0/12")
                .containsPattern("management +111111111111 +eu-west-1 +54 +0 +0 +0/0/5")
                .contains("total: 8 stacks")
                .doesNotContain("UNTAGGED", "NO RETENTION");
        assertThat(out.resolve("acme-monitoring.template.json")).isRegularFile();
        assertThat(out.resolve("manifest.json")).isRegularFile();
        assertThat(out.resolve("stale.txt")).as("the output folder is replaced, not merged").doesNotExist();
        assertThat(dir.resolve("assembly.partial")).doesNotExist();
    }
}
