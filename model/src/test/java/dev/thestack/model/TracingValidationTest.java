package dev.thestack.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.thestack.model.StackConfigLoaderTest.catchConfig;
import static dev.thestack.model.StackConfigLoaderTest.replaceOnce;
import static dev.thestack.model.StackConfigLoaderTest.resource;
import static dev.thestack.model.StackConfigLoaderTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;

/** The tracing section: what X-Ray would refuse, what would never match, and the defaults without it. */
class TracingValidationTest {
    /** A copy of the repository's stack.yaml, which declares a tracing section. */
    private static final String DECLARED = resource("governed-stack.yaml");
    /** An organization without a tracing section. */
    private static final String UNDECLARED = resource("valid-stack.yaml");

    @Test
    void theRepositoryTracingSectionIsReadIntoTheModel() {
        Tracing tracing = StackConfigLoader.parse(DECLARED, "stack.yaml").tracing();

        assertThat(tracing.kmsEncryption()).isTrue();
        assertThat(tracing.samplingRules()).extracting(SamplingRule::name, SamplingRule::priority, SamplingRule::fixedRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("graphql-mutations", 10, 1.0),
                        org.assertj.core.groups.Tuple.tuple("default-rest", 9000, 0.05));
        SamplingRule mutations = tracing.samplingRules().get(0);
        assertThat(mutations.attributes()).isEqualTo(Map.of("graphql.operation.type", "mutation"));
        assertThat(List.of(mutations.serviceName(), mutations.serviceType(), mutations.host(), mutations.httpMethod(),
                mutations.urlPath(), mutations.resourceArn())).as("matchers default to *").containsOnly("*");
        assertThat(mutations.boostOnErrors()).isEmpty();
        assertThat(tracing.samplingRules().get(1).boostOnErrors()).contains(new SamplingBoost(1.0, 10));
        assertThat(tracing.groups()).extracting(TraceGroup::name)
                .containsExactly("faults", "errors", "service-todo", "graphql-CreateTodo");
        assertThat(tracing.groups().get(3)).isEqualTo(
                new TraceGroup("graphql-CreateTodo", "annotation.operation = \"CreateTodo\"", true, false));
    }

    @Test
    void withoutTheSectionEveryMutationAndFivePercentBoostedOnErrorsAreSampledAndEachServiceHasAGroup() {
        Tracing tracing = StackConfigLoader.parse(UNDECLARED, "stack.yaml").tracing();

        assertThat(tracing).isEqualTo(Tracing.defaults(List.of(new ServiceOwner("todo", "product"),
                new ServiceOwner("media", "product"), new ServiceOwner("router", "platform"))));
        assertThat(tracing.kmsEncryption()).isTrue();
        assertThat(tracing.samplingRules().get(0).attributes()).containsEntry(Tracing.OPERATION_TYPE_ATTRIBUTE, "mutation");
        assertThat(tracing.samplingRules().get(0).fixedRate()).isEqualTo(1.0);
        assertThat(tracing.samplingRules().get(1).fixedRate()).isEqualTo(0.05);
        assertThat(tracing.samplingRules().get(1).boostOnErrors()).isPresent();
        assertThat(tracing.groups()).extracting(TraceGroup::filter)
                .containsExactly("fault = true", "error = true", "annotation.Service = \"todo\"",
                        "annotation.Service = \"media\"", "annotation.Service = \"router\"");
        assertThat(tracing.groups()).allSatisfy(g -> assertThat(g.insights()).isTrue());
    }

    @Test
    void aSectionMayLeaveOutRulesOrGroupsAndAnEmptyListMeansNone() {
        String noRules = withTracing("tracing:\n  kmsEncryption: false\n  samplingRules: []\n");
        Tracing tracing = StackConfigLoader.parse(noRules, "stack.yaml").tracing();

        assertThat(tracing.kmsEncryption()).isFalse();
        assertThat(tracing.samplingRules()).as("X-Ray's own Default rule alone").isEmpty();
        assertThat(tracing.groups()).as("groups left out: the defaults, one per service").hasSize(5);
    }

    @Test
    void tracingWithEveryOptionRoundTripsThroughTheWriter() {
        String yaml = withTracing("""
                tracing:
                  samplingRules:
                    - name: graphql_api
                      priority: 1
                      fixedRate: 0
                      reservoirSize: 0
                      serviceName: "todo-*"
                      serviceType: AWS::Lambda::Function
                      host: "api.example.com"
                      httpMethod: POST
                      urlPath: "/graphql*"
                      resourceArn: "arn:aws:lambda:eu-west-1:*:function:*"
                      attributes: {graphql.operation.type: "query", tenant: "glob?x"}
                      boostOnErrors: {maxRate: 0.5}
                  groups:
                    - name: slow-todo
                      filter: 'service("todo") { responsetime > 2 } AND annotation.tenant = "a \\"quoted\\" b"'
                      insights: true
                      notifications: true
                    - name: quiet
                      filter: ok
                      insights: false
                """);
        StackConfig config = StackConfigLoader.parse(yaml, "stack.yaml");

        assertThat(StackConfigLoader.parse(StackConfigWriter.toYaml(config), "written")).isEqualTo(config);
        SamplingRule rule = config.tracing().samplingRules().get(0);
        assertThat(rule.boostOnErrors()).as("cooldown defaults to 10 minutes")
                .contains(new SamplingBoost(0.5, TracingValidation.DEFAULT_COOLDOWN_MINUTES));
        assertThat(rule.urlPath()).isEqualTo("/graphql*");
        assertThat(config.tracing().groups().get(0).filter()).contains("a \\\"quoted\\\" b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown key, suggested          | '  kmsEncryption: true'      | '  kmsEncrypton: true'       | tracing.kmsEncrypton | did you mean 'kmsEncryption'?
        kmsEncryption not a boolean     | '  kmsEncryption: true'      | '  kmsEncryption: "yes"'     | tracing.kmsEncryption | expected true or false
        rule name too long              | '- name: graphql-mutations'  | '- name: graphql-mutations-and-all-the-rest' | tracing.samplingRules[0].name | at most 32 letters
        rule name with a space          | '- name: graphql-mutations'  | '- name: graphql mutations'  | tracing.samplingRules[0].name | not an X-Ray name
        rule named like X-Ray's own     | '- name: graphql-mutations'  | '- name: Default'            | tracing.samplingRules[0].name | X-Ray's own catch-all
        rule name twice                 | '- name: default-rest'       | '- name: graphql-mutations'  | tracing.samplingRules[1].name | already the name of tracing.samplingRules[0]
        priority twice                  | 'priority: 9000'             | 'priority: 10'               | tracing.samplingRules[1].priority | already taken by rule 'graphql-mutations'
        priority zero                   | 'priority: 10'               | 'priority: 0'                | tracing.samplingRules[0].priority | give 1 to 9999
        priority beyond X-Ray's range   | 'priority: 9000'             | 'priority: 10000'            | tracing.samplingRules[1].priority | give 1 to 9999
        priority not whole              | 'priority: 10'               | 'priority: 10.5'             | tracing.samplingRules[0].priority | expected a whole number
        priority missing                | '      priority: 10\\n'      | ''                           | tracing.samplingRules[0].priority | missing
        fixed rate above one            | 'fixedRate: 0.05'            | 'fixedRate: 5'               | tracing.samplingRules[1].fixedRate | not a share from 0 to 1
        fixed rate negative             | 'fixedRate: 0.05'            | 'fixedRate: -0.05'           | tracing.samplingRules[1].fixedRate | not a share from 0 to 1
        fixed rate as a percentage text | 'fixedRate: 0.05'            | 'fixedRate: "5%"'            | tracing.samplingRules[1].fixedRate | expected a number from 0 to 1
        fixed rate missing              | '      fixedRate: 1.0 '      | '      #'                    | tracing.samplingRules[0].fixedRate | add fixedRate: 0.05
        negative reservoir              | 'reservoirSize: 1\\n      attributes' | 'reservoirSize: -1\\n      attributes' | tracing.samplingRules[0].reservoirSize | give 0 or more
        unknown rule key, suggested     | 'reservoirSize: 1\\n      attributes' | 'reservoir: 1\\n      attributes' | tracing.samplingRules[0].reservoir | did you mean 'reservoirSize'?
        six attributes                  | '{graphql.operation.type: mutation}' | '{a: 1, b: 2, c: 3, d: 4, e: 5, f: 6}' | tracing.samplingRules[0].attributes | at most 5 attributes
        attribute value too long        | '{graphql.operation.type: mutation}' | '{graphql.operation.type: mutation-and-a-name-longer-than-32}' | tracing.samplingRules[0].attributes.graphql.operation.type | at most 32 characters
        attributes as a list            | '{graphql.operation.type: mutation}' | '[mutation]'    | tracing.samplingRules[0].attributes | expected a mapping
        matcher longer than X-Ray's     | 'reservoirSize: 1\\n      attributes' | 'reservoirSize: 1\\n      httpMethod: PROPFINDALL\\n      attributes' | tracing.samplingRules[0].httpMethod | at most 10 characters
        boost that cannot raise         | '{maxRate: 1.0,'             | '{maxRate: 0.01,'            | tracing.samplingRules[1].boostOnErrors.maxRate | not above the rule's fixedRate 0.05
        boost rate above one            | '{maxRate: 1.0,'             | '{maxRate: 2,'               | tracing.samplingRules[1].boostOnErrors.maxRate | not a share from 0 to 1
        boost without max rate          | '{maxRate: 1.0, cooldownWindowMinutes: 10}' | '{cooldownWindowMinutes: 10}' | tracing.samplingRules[1].boostOnErrors.maxRate | missing
        boost with zero cooldown        | 'cooldownWindowMinutes: 10}' | 'cooldownWindowMinutes: 0}'  | tracing.samplingRules[1].boostOnErrors.cooldownWindowMinutes | give 1 or more
        unknown boost key, suggested    | 'cooldownWindowMinutes: 10}' | 'cooldownMinutes: 10}'       | tracing.samplingRules[1].boostOnErrors.cooldownMinutes | did you mean 'cooldownWindowMinutes'?
        group filter empty              | 'filter: fault = true'       | 'filter: ""'                 | tracing.groups[0].filter | is empty
        group filter missing            | '      filter: fault = true\\n' | ''                        | tracing.groups[0].filter | missing
        filter with an unclosed quote   | 'annotation.Service = "todo"' | 'annotation.Service = "todo' | tracing.groups[2].filter | has an unclosed "
        filter with an open parenthesis | 'filter: fault = true'       | 'filter: service("todo" { fault }' | tracing.groups[0].filter | leaves '(' open
        filter closing what never opened | 'filter: fault = true'      | 'filter: fault = true)'      | tracing.groups[0].filter | closes ')' at position 13
        filter with crossed brackets    | 'filter: fault = true'       | 'filter: service("todo" { fault )}' | tracing.groups[0].filter | closes ')' at position 24
        annotation key X-Ray cannot filter on | 'annotation.operation = "CreateTodo"' | 'annotation.graphql.operation = "CreateTodo"' | tracing.groups[3].filter | e.g. annotation.graphql_operation
        notifications without insights  | '      filter: error = true' | '      filter: error = true\\n      insights: false\\n      notifications: true' | tracing.groups[1].notifications | set insights: true
        group name twice                | '- name: errors'             | '- name: faults'             | tracing.groups[1].name | already the name of tracing.groups[0]
        group name too long             | '- name: graphql-CreateTodo' | '- name: graphql-CreateTodo-for-every-tenant' | tracing.groups[3].name | at most 32 letters
        group named like X-Ray's own    | '- name: faults'             | '- name: Default'            | tracing.groups[0].name | X-Ray's own catch-all
        unknown group key, suggested    | '      filter: error = true' | '      filter: error = true\\n      insight: true' | tracing.groups[1].insight | did you mean 'insights'?
        empty group item                | '  groups:                     #' | '  groups:\\n    -\\n#'   | tracing.groups[0] | empty item
        section that is a list          | 'tracing:\\n  kmsEncryption: true' | 'tracing:\\n  - kmsEncryption: true\\nx:\\n  kmsEncryption: true' | tracing | expected a mapping
        """)
    void eachTracingProblemNamesItsKeyPathAndAFix(String kind, String find, String replace, String path, String hint) {
        ProblemAssertions.assertReported(replaceOnce(DECLARED, unescape(find), unescape(replace)), kind, path, hint);
    }

    @Test
    void tracingProblemsAreReportedWithTheOthersInOneRunWithoutFollowOnErrors() {
        String yaml = replaceOnce(replaceOnce(replaceOnce(DECLARED, "priority: 9000", "priority: 10"),
                "filter: fault = true", "filter: fault = (true"), "aws-audit@acme.example", "nope");

        assertThat(catchConfig(yaml).problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                "tracing.samplingRules[1].priority", "tracing.groups[0].filter", "accounts[2].email");
    }

    @Test
    void rulesThatAreNotAListAreReportedOnce() {
        String yaml = withTracing("tracing:\n  samplingRules: {name: x}\n");

        assertThat(catchConfig(yaml).problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tracing.samplingRules");
            assertThat(p.message()).contains("expected a list");
        });
    }

    @Test
    void filterBalanceIgnoresBracketsInsideStrings() {
        assertThat(TracingValidation.unbalanced("annotation.x = \"(\" AND service(\"a{\") { fault }")).isEmpty();
        assertThat(TracingValidation.unbalanced("annotation.x = \"say \\\"hi\\\"\"")).isEmpty();
        assertThat(TracingValidation.unbalanced("service(\"a\") { fault")).isEqualTo(Optional.of("leaves '{' open"));
    }

    private static String withTracing(String section) {
        return UNDECLARED + "\n" + section;
    }
}
