package dev.thestack.services.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.services.contract.MetricContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

/** The router deployed in front of the Todo and Media subgraphs, as one workload stack holds them; synthesized once. */
class RouterServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path folder;
    private static Template template;
    private static JsonNode resources;
    private static String todoFunction;
    private static String mediaFunction;
    private static String routerFunction;

    @BeforeAll
    static void synthesize() throws IOException {
        Stack stack = new Stack(new App(), "router-test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        TodoService todo = new TodoService(stack, "Todo", props("todo"));
        MediaService media = new MediaService(stack, "Media", MediaServiceProps.of(props("media")));
        Map<String, RouterServiceProps.Subgraph> subgraphs = new LinkedHashMap<>();
        subgraphs.put("todo", new RouterServiceProps.Subgraph(todo.function(), TodoService.TIMEOUT_SECONDS));
        subgraphs.put("media", new RouterServiceProps.Subgraph(media.function(), MediaService.TIMEOUT_SECONDS));
        RouterService router = new RouterService(stack, "Router", new RouterServiceProps(props("router"), subgraphs));
        template = Template.fromStack(stack);
        resources = JSON.valueToTree(template.toJSON()).path("Resources");
        todoFunction = stack.getLogicalId((CfnElement) todo.function().getNode().getDefaultChild());
        mediaFunction = stack.getLogicalId((CfnElement) media.function().getNode().getDefaultChild());
        routerFunction = stack.getLogicalId((CfnElement) router.function().getNode().getDefaultChild());
    }

    private static ServiceProps props(String service) throws IOException {
        return ServiceProps.builder()
                .environment("integration")
                .logRetentionDays(90)
                .handlerJar(TestJars.empty(folder.resolve(service + "-lambda.jar")))
                .retainData(false)
                .build();
    }

    @Test
    void theRouterInvokesEachSubgraphsFunctionByItsArnInTheVariableTheRouterReads() {
        JsonNode variables = resources.path(routerFunction).path("Properties").path("Environment").path("Variables");

        assertThat(resources.path(routerFunction).path("Properties").path("Handler").asText())
                .isEqualTo("dev.thestack.services.router.RouterHandler::handleRequest");
        // SubgraphEndpoints reads SUBGRAPH_URL_<NAME> and takes lambda:FUNCTION for a direct invoke
        assertThat(variables.path("SUBGRAPH_URL_TODO")).isEqualTo(lambdaUrlOf(todoFunction));
        assertThat(variables.path("SUBGRAPH_URL_MEDIA")).isEqualTo(lambdaUrlOf(mediaFunction));
        // FetchTimeouts reads SUBGRAPH_TIMEOUT_MS_<NAME>: the router waits as long as each subgraph may run
        assertThat(variables.path("SUBGRAPH_TIMEOUT_MS_TODO").asText()).isEqualTo("10000");
        assertThat(variables.path("SUBGRAPH_TIMEOUT_MS_MEDIA").asText()).isEqualTo("30000");
        // twice the longest wait, for a plan that waits for Media after Todo
        assertThat(resources.path(routerFunction).path("Properties").path("Timeout").asInt()).isEqualTo(60);
        assertThat(variables.path(MetricContract.ENV_SERVICE_NAME).asText()).isEqualTo("router");
        assertThat(variables.path(MetricContract.ENV_ENVIRONMENT).asText()).isEqualTo("integration");
    }

    @Test
    void theRouterRunsTracedWithALogGroupOfItsOwnThatExpires() {
        JsonNode properties = resources.path(routerFunction).path("Properties");

        assertThat(properties.path("TracingConfig").path("Mode").asText()).isEqualTo("Active");
        assertThat(properties.path("Runtime").asText()).isEqualTo("java25");
        assertThat(properties.path("MemorySize").asInt()).isEqualTo(RouterService.DEFAULT_MEMORY_MB);
        String logGroup = properties.path("LoggingConfig").path("LogGroup").path("Ref").asText();
        assertThat(resources.path(logGroup).path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
        assertThat(resources.path(logGroup).path("Properties").path("RetentionInDays").asInt()).isEqualTo(90);
    }

    @Test
    void theRoutersRoleMayInvokeExactlyTheTwoSubgraphFunctionsAndNothingElse() {
        String role = resources.path(routerFunction).path("Properties").path("Role").path("Fn::GetAtt").get(0).asText();
        List<JsonNode> statements = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::IAM::Policy")
                    && resource.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
                resource.path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        });

        List<JsonNode> invokes = statements.stream()
                .filter(s -> s.path("Action").toString().contains("lambda:")).toList();
        assertThat(invokes).hasSize(1);
        assertThat(invokes.get(0).path("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(invokes.get(0).path("Resource")).containsExactly(arnOf(todoFunction), arnOf(mediaFunction));
        assertThat(statements).extracting(s -> s.path("Action").toString())
                .as("its log group, X-Ray and the invokes: no table, bucket or other function")
                .noneMatch(action -> action.contains("dynamodb:") || action.contains("s3:") || action.contains("*"));
    }

    @Test
    void theSubgraphsKeepTheirOwnDefaults() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", TodoService.HANDLER, "MemorySize", TodoService.DEFAULT_MEMORY_MB, "Timeout", 10)));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", MediaService.HANDLER, "MemorySize", MediaService.DEFAULT_MEMORY_MB)));
    }

    @Test
    void aRouterNeedsSubgraphsNamedAsTheSupergraphNamesThem() throws IOException {
        ServiceProps props = props("router");
        assertThatThrownBy(() -> new RouterServiceProps(props, Map.of()))
                .hasMessage("a router needs the function of at least one subgraph");
        IFunction media = Function.fromFunctionArn(new Stack(new App(), "elsewhere"), "Media",
                "arn:aws:lambda:eu-west-1:111111111111:function:media");
        assertThatThrownBy(() -> new RouterServiceProps.Subgraph(media, 0))
                .hasMessage("a subgraph's timeout must be 1 to 450 seconds (the router's own Lambda timeout is twice"
                        + " the longest), but is 0");
        assertThatThrownBy(() -> new RouterServiceProps(props, Map.of("Media Service",
                new RouterServiceProps.Subgraph(media, 30))))
                .hasMessage("subgraph name 'Media Service' is not a supergraph subgraph name such as todo or media"
                        + " (lower-case letters, digits and '_')");
    }

    @Test
    void aJvmFunctionNeedsHalfAGigabyte() {
        assertThatThrownBy(() -> ServiceProps.builder().environment("dev").handlerJar(folder).memorySizeMb(256).build())
                .hasMessage("memorySizeMb 256 is too small for a JVM; use 512 or more");
    }

    private static JsonNode arnOf(String function) {
        return JSON.valueToTree(Map.of("Fn::GetAtt", List.of(function, "Arn")));
    }

    private static JsonNode lambdaUrlOf(String function) {
        return JSON.valueToTree(Map.of("Fn::Join", List.of("", List.of("lambda:", Map.of("Fn::GetAtt", List.of(function, "Arn"))))));
    }
}
