package dev.thestack.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackConfigLoaderTest {
    private static final String VALID = resource("valid-stack.yaml");

    @Test
    void theValidOrganizationIsReadIntoTheModel() {
        StackConfig config = StackConfigLoader.parse(VALID, "valid");

        assertThat(config.organization().homeRegion()).isEqualTo("eu-west-1");
        assertThat(config.accountWithRole(AccountRole.MONITORING).id()).isEqualTo("444444444444");
        assertThat(config.workloadAccounts()).extracting(Account::name)
                .containsExactly("prod-multi-tenant", "prod-globex", "integration", "dev-alice");
        assertThat(config.account("prod-globex").tenancy()).isEqualTo(Tenancy.SINGLE);
        assertThat(config.tenantsOf(config.account("prod-multi-tenant"))).extracting(Tenant::name)
                .containsExactly("initech", "umbrella");
        assertThat(config.organizationalUnit("Workloads/Prod")).isPresent();
        assertThat(config.environmentOf(config.account("dev-alice")).logRetentionDays()).isEqualTo(7);
        assertThat(config.ownerOf("todo").name()).isEqualTo("product");
        assertThat(config.ownerOf("media").name()).isEqualTo("product");
        assertThat(config.ownerOf("router").name()).isEqualTo("platform");
        assertThat(config.account("integration").region()).as("defaults to the home region").isEqualTo("eu-west-1");
    }

    @Test
    void theRepositoryDefaultOrganizationIsValid() {
        StackConfig config = StackConfigLoader.load(Path.of(System.getProperty("thestack.root", "..")).resolve("stack.yaml"));
        assertThat(config.accounts()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void aValidConfigRoundTripsThroughTheWriter() {
        StackConfig config = StackConfigLoader.parse(VALID, "valid");
        String written = StackConfigWriter.toYaml(config);

        assertThat(StackConfigLoader.parse(written, "written")).isEqualTo(config);
        assertThat(written).contains("\"111111111111\"").contains("tenancy: single");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown top-level key, suggested     | 'tenants:'                         | 'tenantz:'                          | tenantz              | did you mean 'tenants'?
        unknown nested key, suggested        | 'costCenter: CC-1000'             | 'costCentre: CC-1000'               | teams[0].costCentre  | did you mean 'costCenter'?
        malformed account id                 | 'id: "222222222222"'              | 'id: "22222"'                       | accounts[1].id       | 12-digit account id
        account id written as a number       | 'id: "333333333333"'              | 'id: 333333333333'                  | accounts[2].id       | quote it
        malformed email                      | 'aws-audit@acme.example'          | 'aws-audit.acme.example'            | accounts[2].email    | email address
        duplicate account id                 | 'id: "777777777777"'              | 'id: "666666666666"'                | accounts[6].id       | already used at index 5
        duplicate email, any case            | 'alice@acme.example'              | 'AWS-Integration@acme.example'      | accounts[7].email    | already used at index 6
        duplicate account name               | 'name: dev-alice'                 | 'name: integration'                 | accounts[7].name     | declared twice
        unknown OU, suggested                | 'ou: Workloads/Test'              | 'ou: Workloads/Tset'                | accounts[6].ou       | did you mean 'Workloads/Test'?
        unknown parent OU                    | 'parent: Workloads\n  - name: Test' | 'parent: Workload\n  - name: Test'  | organizationalUnits[3].parent | unknown OU 'Workload'
        unknown environment                  | 'environment: integration'        | 'environment: staging'              | accounts[6].environment | known environments: prod, integration, dev
        unknown team                         | 'name: todo\n    team: product'  | 'name: todo\n    team: billing'    | services[0].team     | unknown team 'billing'
        unknown tenant account               | 'account: prod-globex'            | 'account: prod-globx'               | tenants[0].account   | did you mean 'prod-globex'?
        home region not governed             | 'homeRegion: eu-west-1'           | 'homeRegion: ap-south-1'            | organization.homeRegion | not one of governedRegions
        account region not governed          | 'role: audit'                     | 'role: audit\n    region: sa-east-1' | accounts[2].region  | not a governed region
        bad region name                      | '[eu-west-1, eu-central-1'        | '[eu-west-1, europe-2'              | organization.governedRegions[1] | not an AWS region
        unknown role                         | 'role: audit'                     | 'role: auditor'                     | accounts[2].role     | use one of [management, logs, audit, monitoring, workload]
        missing logs account                 | 'role: logs'                      | 'role: workload\n    environment: dev' | accounts          | no account has role: logs
        two monitoring accounts              | 'role: audit'                     | 'role: monitoring'                  | accounts             | 2 accounts have role: monitoring
        management account in an OU          | 'role: management'                | 'role: management\n    ou: Security' | accounts[0].ou      | cannot be placed in an OU
        workload without environment         | '    environment: dev\n'          | ''                                  | accounts[7].environment | a workload account runs one environment
        environment on a non-workload        | 'role: monitoring'                | 'role: monitoring\n    environment: prod' | accounts[3].environment | only workload accounts have environment
        single-tenant account without tenant | '  - name: globex\n    account: prod-globex\n' | ''                   | accounts[5].tenancy  | serves 0 tenants
        tenant on a non-workload account     | 'account: prod-globex'            | 'account: audit'                    | tenants[0].account   | tenants are served by workload accounts
        bad log retention                    | 'logRetentionDays: 30'            | 'logRetentionDays: 31'              | environments[1].logRetentionDays | use 30
        unknown service                      | '  - name: todo\n    team: product' | '  - name: todos\n    team: product' | services[0].name   | did you mean 'todo'?
        service without owner                | '  - name: todo\n    team: product' | ''                                | services             | service 'todo' has no owning team
        service the toolkit does not deploy  | '  - name: router\n    team: platform' | '  - name: search\n    team: platform' | services[2].name | known services: todo, media, router
        router without owner                 | '  - name: router\n    team: platform' | ''                              | services             | service 'router' has no owning team
        tag the toolkit cannot fill          | '[Service, Environment'           | '[Owner, Environment'               | tags.required[0]     | cannot fill tag 'Owner'
        runbook base url not https           | 'baseUrl: https://'               | 'baseUrl: http://'                  | runbooks.baseUrl     | https:// URL
        bad organization id                  | 'id: o-a1b2c3d4e5'                | 'id: a1b2c3'                        | organization.id      | aws organizations describe-organization
        list where a mapping belongs         | 'runbooks:\n'                     | 'runbooks:\n  - x\nunused:\n'       | runbooks             | expected a mapping
        YAML boolean as a name               | 'name: dev-alice'                 | 'name: no'                          | accounts[7].name     | quote the value
        made-up region                       | '[eu-west-1, eu-central-1'        | '[eu-west-1, eu-centrl-1'           | organization.governedRegions[1] | did you mean eu-central-1?
        region of another partition          | '[eu-west-1, eu-central-1'        | '[eu-west-1, cn-north-1'            | organization.governedRegions[1] | another AWS partition
        repeated governed region             | '[eu-west-1, eu-central-1'        | '[eu-west-1, eu-west-1'             | organization.governedRegions[1] | already listed at index 0
        workload away from the sink region   | 'environment: dev\n'              | 'environment: dev\n    region: us-east-1\n' | accounts[7].region | the monitoring sink is in eu-west-1
        workload away from the log delivery  | 'role: logs\n'                    | 'role: logs\n    region: eu-central-1\n' | accounts[4].region | the log delivery destination is in eu-central-1
        email longer than AWS accepts        | 'alice@acme.example'              | 'alice.has.a.very.long.address.that.goes.on.and.on.for.ever@acme.example' | accounts[7].email | 6 to 64 characters
        email with double dots               | 'alice@acme.example'              | '.alice..x@-.example'               | accounts[7].email    | an email address AWS accepts
        cost centre unusable as a tag value  | 'costCenter: CC-2000'             | 'costCenter: "CC#2000 <&>"'         | teams[1].costCenter  | usable tag value
        tenant tag reserved by AWS           | 'tenantTag: Tenant'               | 'tenantTag: "aws:tenant"'           | tags.tenantTag       | not starting with aws:
        tenant tag clashing with a cost tag  | 'tenantTag: Tenant'               | 'tenantTag: Team'                   | tags.tenantTag       | already one of the cost tags
        empty list item                      | 'tenants:\n'                      | 'tenants:\n  -\n'                  | tenants[0]           | empty item
        file that is text, not keys          | 'organization:'                   | 'just text\norganization:'          | (root)               | write the file as keys
        """)
    void eachProblemNamesItsKeyPathAndAFix(String kind, String find, String replace, String path, String hint) {
        String yaml = replaceOnce(VALID, unescape(find), unescape(replace));

        assertThatThrownBy(() -> StackConfigLoader.parse(yaml, "stack.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .as(kind)
                        .anySatisfy(p -> {
                            assertThat(p.path()).isEqualTo(path);
                            assertThat(p.toString()).contains(hint);
                        }));
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        String yaml = replaceOnce(replaceOnce(replaceOnce(VALID, "aws-audit@acme.example", "nope"),
                "ou: Workloads/Test", "ou: Nowhere"), "logRetentionDays: 7", "logRetentionDays: 8");

        ConfigException error = catchConfig(yaml);

        assertThat(error.problems()).extracting(Problem::path)
                .containsExactlyInAnyOrder("accounts[2].email", "accounts[6].ou", "environments[2].logRetentionDays");
        assertThat(error.getMessage()).startsWith("3 problems in stack.yaml:");
    }

    @Test
    void anOuWhoseParentIsMisspelledIsNamedAsTheCauseForTheAccountsInIt() {
        ConfigException error = catchConfig(replaceOnce(VALID, "parent: Workloads\n  - name: Test",
                "parent: Workload\n  - name: Test"));

        assertThat(error.problems()).extracting(Problem::toString).contains(
                "organizationalUnits[3].parent: unknown OU 'Workload' (fix: did you mean 'Workloads'? known OUs: "
                        + "Security, Infrastructure, Workloads, Workloads/Test, Sandbox)",
                "accounts[4].ou: unknown OU 'Workloads/Prod' (fix: organizationalUnits[3] would be 'Workload/Prod' "
                        + "but its parent is unknown: fix organizationalUnits[3].parent first)");
    }

    @Test
    void aMissingSectionIsReportedOnceNotOncePerReference() {
        String withoutTeams = VALID.substring(0, VALID.indexOf("teams:")) + VALID.substring(VALID.indexOf("services:"));

        assertThat(catchConfig(withoutTeams).problems()).extracting(Problem::path).containsExactly("teams");
    }

    @Test
    void ousCarryTheirServiceControlPoliciesAndUnknownOnesAreNamed() {
        StackConfig config = StackConfigLoader.parse(VALID, "valid");
        assertThat(config.organizationalUnit("Workloads").orElseThrow().policies())
                .contains(ServiceControlPolicyKind.DENY_UNGOVERNED_REGIONS, ServiceControlPolicyKind.DENY_ROOT_USER);
        assertThat(config.organizationalUnit("Workloads/Prod").orElseThrow().policies()).isEmpty();

        String typo = replaceOnce(VALID, "policies: [deny-leave-organization, deny-root-user, protect-audit-trail",
                "policies: [deny-leave-organisation, deny-root-user, protect-audit-trail");
        assertThat(catchConfig(typo).problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("organizationalUnits[0].policies[0]: unknown policy 'deny-leave-organisation' "
                        + "(fix: did you mean 'deny-leave-organization'?");
    }

    @Test
    void aRootThatIsNotAMappingIsNamedAsTheFile() {
        assertThat(catchConfig("- a\n- b\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("(root): expected a mapping (key: value lines), found a list "
                        + "(fix: write the file as keys organization, tags, runbooks, teams, services, environments, "
                        + "organizationalUnits, accounts, tenants"));
    }

    @Test
    void ouNestingDeeperThanOrganizationsAllowsAndCyclesAreNamed() {
        String deep = replaceOnce(VALID, "  - name: Sandbox\n", "  - name: Sandbox\n  - name: L3\n    parent: Workloads/Prod\n"
                + "  - name: L4\n    parent: Workloads/Prod/L3\n  - name: L5\n    parent: Workloads/Prod/L3/L4\n"
                + "  - name: L6\n    parent: Workloads/Prod/L3/L4/L5\n");
        assertThat(catchConfig(deep).problems()).extracting(Problem::toString).containsExactly(
                "organizationalUnits[9].parent: OU 'Workloads/Prod/L3/L4/L5/L6' is 6 levels deep; AWS Organizations "
                        + "allows 5 below the root (fix: hang it from a shallower OU)");

        String cycle = replaceOnce(VALID, "  - name: Sandbox\n", "  - name: Sandbox\n  - name: A\n    parent: B\n"
                + "  - name: B\n    parent: A\n");
        assertThat(catchConfig(cycle).problems()).extracting(Problem::message)
                .contains("OU 'A' is its own ancestor: A -> B -> A", "OU 'B' is its own ancestor: B -> A -> B");
    }

    @Test
    void anchorsAliasesTagsAndSecondDocumentsAreRefusedNotMisread() {
        String aliased = replaceOnce(replaceOnce(VALID, "  - name: dev\n", "  - name: &dev dev\n"),
                "    environment: dev\n", "    environment: *dev\n");
        assertThat(catchConfig(aliased).problems()).extracting(Problem::message)
                .containsExactly("anchor &dev at line " + lineOf(aliased, "&dev") + " is not supported",
                        "alias *dev at line " + lineOf(aliased, "*dev") + " is not supported");
        assertThat(catchConfig(VALID.replace("name: acme", "name: !custom acme")).problems())
                .extracting(Problem::message).containsExactly("explicit tag !custom at line 4 is not supported");
        assertThat(catchConfig(VALID + "---\norganization: {}\n").problems()).extracting(Problem::message)
                .singleElement().asString().startsWith("a second YAML document starts at line");
    }

    @Test
    void brokenYamlNamesTheLine() {
        ConfigException error = catchConfig("organization:\n  name: acme\n    id: [\n");

        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("(syntax)");
            assertThat(p.message()).contains("line");
        });
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorNotASilentOverwrite() {
        ConfigException error = catchConfig(replaceOnce(VALID, "  name: acme\n", "  name: acme\n  name: evil\n"));

        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("a key appears twice at line 5", "'name'");
            assertThat(p.hint()).contains("keep one");
        });
    }

    @Test
    void aFileThatIsNotUtf8OrIsADirectoryIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("stack.yaml");
        Files.write(latin1, VALID.replace("name: acme", "name: acm\u00e9").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> StackConfigLoader.load(latin1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("(file): is not UTF-8 text");
        assertThatThrownBy(() -> StackConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void anEmptyOrMissingFileIsAProblemNotACrash() {
        assertThat(catchConfig("").problems()).singleElement().extracting(Problem::message).isEqualTo("is empty");
        assertThatThrownBy(() -> StackConfigLoader.load(Path.of("no/such/stack.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void missingSectionsAreEachReported() {
        ConfigException error = catchConfig("organization:\n  name: acme\n");

        assertThat(error.problems()).extracting(Problem::path)
                .contains("organization.id", "organization.rootId", "organization.homeRegion",
                        "organization.governedRegions", "runbooks", "teams", "environments", "accounts",
                        "organizationalUnits");
    }

    static ConfigException catchConfig(String yaml) {
        try {
            StackConfigLoader.parse(yaml, "stack.yaml");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the config to be rejected");
    }

    private static int lineOf(String text, String fragment) {
        return (int) text.substring(0, text.indexOf(fragment)).chars().filter(c -> c == '\n').count() + 1;
    }

    static String replaceOnce(String text, String find, String replace) {
        int at = text.indexOf(find);
        assertThat(at).as("test fixture contains %s", find).isNotNegative();
        return text.substring(0, at) + replace + text.substring(at + find.length());
    }

    static String unescape(String csv) {
        return csv.replace("\\n", "\n");
    }

    static String resource(String name) {
        try (InputStream in = StackConfigLoaderTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
