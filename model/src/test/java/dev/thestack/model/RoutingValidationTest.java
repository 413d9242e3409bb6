package dev.thestack.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.thestack.model.StackConfigLoaderTest.catchConfig;
import static dev.thestack.model.StackConfigLoaderTest.replaceOnce;
import static dev.thestack.model.StackConfigLoaderTest.resource;
import static dev.thestack.model.StackConfigLoaderTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingValidationTest {
    private static final String GOVERNED = resource("governed-stack.yaml");

    @Test
    void theRepositoryRoutingIsReadWithDefaultsResolvedAndRoundTrips() {
        StackConfig config = StackConfigLoader.parse(GOVERNED, "stack.yaml");
        AlarmRouting routing = config.alarmRouting().orElseThrow();
        AlarmRoute warnings = routing.routes().stream().filter(r -> r.name().equals("chat-warnings")).findFirst().orElseThrow();

        assertThat(routing.catchAll()).isEqualTo("platform-email");
        assertThat(routing.destination("pager").endpointParameter()).contains("/acme/oncall/pager-url");
        assertThat(warnings.environments()).as("omitted: every environment, and the shared accounts")
                .containsExactly("prod", "integration", "dev", "shared");
        assertThat(warnings.teams()).containsExactly("platform", "product");
        assertThat(config.environment("prod").paging()).isTrue();
        assertThat(config.environment("dev").paging()).isFalse();
        assertThat(StackConfigLoader.parse(StackConfigWriter.toYaml(config), "written")).isEqualTo(config);
    }

    @Test
    void breakerFindingsStayFixed() {
        assertThat(catchConfig(replaceOnce(GOVERNED, "  - name: dev\n", "  - name: shared\n")).problems())
                .anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo("environments[2].name");
                    assertThat(p.message()).contains("'shared' is reserved");
                });
        String longFilter = replaceOnce(GOVERNED, "filter: annotation.operation = \"CreateTodo\"",
                "filter: annotation.operation = \"" + "x".repeat(5000) + "\"");
        assertThat(StackConfigLoader.parse(longFilter, "stack.yaml").tracing().groups())
                .as("a long string in a filter is read, not a stack overflow").hasSize(4);
        int start = GOVERNED.indexOf("  samplingRules:");
        int end = GOVERNED.indexOf("  groups:");
        String emptyRules = GOVERNED.substring(0, start) + "  samplingRules:\n" + GOVERNED.substring(end);
        assertThat(StackConfigLoader.parse(emptyRules, "stack.yaml").tracing().samplingRules())
                .as("a key left empty reads as absent: the defaults, not no rules at all").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        dev route to the pager                | 'environments: [prod, shared]'       | 'environments: [prod, dev]'          | alarmRouting.routes[0].environments[1] | has paging: false, so its alarms never page
        pager route for every environment     | '      environments: [prod, shared]\\n' | ''                                 | alarmRouting.routes[0].environments | must list its environments
        pager as catch-all                    | 'catchAll: platform-email'           | 'catchAll: pager'                    | alarmRouting.catchAll | cannot be a pager
        unknown catch-all                     | 'catchAll: platform-email'           | 'catchAll: platform-mail'            | alarmRouting.catchAll | did you mean 'platform-email'?
        unknown destination of a route        | 'destination: chat\\n    - name: chat-warnings' | 'destination: slack\\n    - name: chat-warnings' | alarmRouting.routes[1].destination | unknown destination 'slack'
        unknown severity                      | 'severities: [warning]'              | 'severities: [warn]'                 | alarmRouting.routes[2].severities[0] | known severities: critical, warning, info
        unknown environment                   | 'environments: [integration, dev]'   | 'environments: [integration, staging]' | alarmRouting.routes[1].environments[1] | unknown environment 'staging'
        unknown team                          | '      severities: [info]\\n'        | '      severities: [info]\\n      teams: [billing]\\n' | alarmRouting.routes[3].teams[0] | unknown team 'billing'
        unknown destination type              | 'type: chat'                         | 'type: slack'                        | alarmRouting.destinations[1].type | known destination types: pager, chat, email
        pager without its SSM parameter       | '      endpointParameter: /acme/oncall/pager-url   #' | '      #' | alarmRouting.destinations[0].endpointParameter | missing
        pager URL written in stack.yaml       | 'endpointParameter: /acme/oncall/pager-url' | 'endpointParameter: https://events.pagerduty.com/x' | alarmRouting.destinations[0].endpointParameter | SSM parameter name
        email field on a chat destination     | '      slackChannelId: C0ONCALL01\\n' | '      slackChannelId: C0ONCALL01\\n      address: x@acme.example\\n' | alarmRouting.destinations[1].address | belongs to email destinations
        bad Slack workspace                   | 'slackWorkspaceId: T0ACME0001'       | 'slackWorkspaceId: acme'             | alarmRouting.destinations[1].slackWorkspaceId | Slack workspace id
        bad email                             | 'address: platform-oncall@acme.example' | 'address: platform-oncall'        | alarmRouting.destinations[2].address | email address
        route declared twice                  | 'name: chat-warnings'                | 'name: page-critical'                | alarmRouting.routes[2].name | declared twice
        paging not a boolean                  | 'paging: true'                       | 'paging: "yes"'                      | environments[0].paging | expected true or false
        """)
    void eachRoutingProblemNamesItsKeyPathAndAFix(String kind, String find, String replace, String path, String hint) {
        String yaml = replaceOnce(GOVERNED, unescape(find), unescape(replace));

        assertThat(catchConfig(yaml).problems()).as(kind).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.toString()).contains(hint);
        });
    }
}
