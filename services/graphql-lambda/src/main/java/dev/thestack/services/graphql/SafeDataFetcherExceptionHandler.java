package dev.thestack.services.graphql;

import dev.thestack.services.instrumentation.OutsideInvocation;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns what a data fetcher throws into a GraphQL error a client may see. graphql-java's default handler puts
 * the exception's message (and so, often, a Java class name) into the response; here only an
 * {@link InvalidInputException} speaks to the client, and anything else is logged (an error; a warning
 * {@link OutsideInvocation outside any invocation}) and answered with {@value #INTERNAL_ERROR_MESSAGE}. The extension
 * codes are the ones Apollo routers and clients know.
 */
public final class SafeDataFetcherExceptionHandler implements DataFetcherExceptionHandler {
    public static final String INTERNAL_ERROR_MESSAGE = "Internal server error";
    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";

    private static final Logger LOG = LogManager.getLogger(SafeDataFetcherExceptionHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters failure) {
        Throwable cause = failure.getException() instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause()
                : failure.getException();
        GraphQLError error;
        if (cause instanceof InvalidInputException invalid) {
            error = error(failure, invalid.getMessage(), BAD_USER_INPUT);
        } else {
            if (OutsideInvocation.isActive()) {
                // priming: no request failed, and the requests that follow will say so if they do
                LOG.warn("Resolving {} failed outside any invocation", failure.getPath(), cause);
            } else {
                LOG.error("Resolving {} failed", failure.getPath(), cause);
            }
            error = error(failure, INTERNAL_ERROR_MESSAGE, INTERNAL_SERVER_ERROR);
        }
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    private static GraphQLError error(DataFetcherExceptionHandlerParameters failure, String message, String code) {
        return withCode(GraphqlErrorBuilder.newError()
                .message(message)
                .path(failure.getPath())
                .location(failure.getSourceLocation()), code);
    }

    /** The error with {@code extensions.code} set, and the same as its classification. */
    public static GraphQLError withCode(GraphqlErrorBuilder<?> error, String code) {
        return error.extensions(Map.of("code", code))
                // graphql-java's default classification, "DataFetchingException", reads like a Java class
                .errorType(ErrorClassification.errorClassification(code))
                .build();
    }
}
