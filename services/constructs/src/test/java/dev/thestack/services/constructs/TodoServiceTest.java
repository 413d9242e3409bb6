package dev.thestack.services.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
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

/** The TodoService construct's function and alias, synthesized once for the class. */
class TodoServiceTest {
    @TempDir
    static Path folder;
    private static Template template;
    private static TodoService todo;
    private static Stack stack;

    @BeforeAll
    static void synthesize() throws IOException {
        App app = new App();
        stack = new Stack(app, "todo-test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        todo = new TodoService(stack, "Todo", ServiceProps.builder()
                .environment("integration")
                .logRetentionDays(90)
                .handlerJar(TestJars.empty(folder.resolve("todo-lambda.jar")))
                .build());
        template = Template.fromStack(stack);
    }

    @Test
    void theFunctionSnapStartsItsPublishedVersionsWithLambdasOwnJvmOptionsAndEmfToldItRunsInLambda() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", TodoService.HANDLER,
                "Runtime", "java25",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.not(Match.objectLike(Map.of(
                        "JAVA_TOOL_OPTIONS", Match.anyValue()))))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", TodoService.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of("AWS_EMF_ENVIRONMENT", "Lambda")))));
        template.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void theLiveAliasNamesTheCurrentVersionAndIsWhatTheConstructHandsCallers() {
        String version = template.findResources("AWS::Lambda::Version").keySet().stream().findFirst().orElseThrow();
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionName", Map.of("Ref", stack.getLogicalId((CfnElement)
                        todo.function().getNode().getDefaultChild())),
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
        assertThat(todo.alias().getAliasName()).isEqualTo("live");
        assertThat(todo.alias().getVersion()).isSameAs(todo.function().getCurrentVersion());
    }
}
