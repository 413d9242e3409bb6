package dev.thestack.services.todo;

import dev.thestack.services.awslocal.TestLambdaContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * Invokes the handler once, as the Lambda runtime would, in a JVM whose classpath is the deployable jar (plus
 * this class): {@code PackagedHandlerMain <tenant> <title>}. Prints the response status and body on a line
 * starting with {@value #RESPONSE_PREFIX}.
 */
public final class PackagedHandlerMain {
    static final String RESPONSE_PREFIX = "RESPONSE ";

    private PackagedHandlerMain() {
    }

    public static void main(String[] args) {
        String createTodo = "mutation CreateTodo($title: String!) { createTodo(input: {title: $title}) { id title } }";
        APIGatewayProxyResponseEvent response = new TodoHandler().handleRequest(
                GraphQLCalls.post(args[0], createTodo, Map.of("title", args[1])), new TestLambdaContext());
        System.out.println(RESPONSE_PREFIX + response.getStatusCode() + " " + response.getBody());
    }
}
