package dev.thestack.services.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What federated subgraphs share around their schema: the SDL they ship, the errors of {@code _entities}, and the
 * bounds of their list arguments.
 */
public final class SubgraphSchemas {
    private SubgraphSchemas() {
    }

    /** The SDL on the classpath of the subgraph's class, at {@code resource} (such as {@code /todo.graphqls}). */
    public static String sdl(Class<?> subgraph, String resource) {
        try (InputStream sdl = subgraph.getResourceAsStream(resource)) {
            if (sdl == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(sdl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The error of one representation of {@code _entities} that cannot be resolved: at its index, as the federation
     * spec asks, so the router knows which entity failed while the others resolve.
     */
    public static GraphQLError representationError(DataFetchingEnvironment env, int index, String message) {
        return SafeDataFetcherExceptionHandler.withCode(GraphqlErrorBuilder.newError(env)
                .path(env.getExecutionStepInfo().getPath().segment(index))
                .message(message), SafeDataFetcherExceptionHandler.BAD_USER_INPUT);
    }

    /** The {@code limit} argument of a list field, refused unless between 1 and {@code max}. */
    public static int limit(DataFetchingEnvironment env, int max) {
        Integer limit = env.getArgument("limit");
        if (limit == null || limit < 1 || limit > max) {
            throw new InvalidInputException("limit must be between 1 and " + max + ", but is " + limit);
        }
        return limit;
    }
}
