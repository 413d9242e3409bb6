package dev.thestack.services.graphql;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The {@code ID} scalar, taking from variables only what the GraphQL spec allows: a string or an integer.
 * graphql-java's own turns any JSON value into a string ({@code true} into "true", an object into "{a=1}"), so
 * a variable of the wrong kind reached the resolvers, which found no todo by that id and answered null, while the
 * same value written into the query was refused. Literals, and output, are graphql-java's.
 */
public final class StrictIdScalar implements Coercing<Object, Object> {
    public static final GraphQLScalarType ID = GraphQLScalarType.newScalar(Scalars.GraphQLID)
            .coercing(new StrictIdScalar())
            .build();

    @SuppressWarnings("unchecked")
    private final Coercing<Object, Object> builtIn = (Coercing<Object, Object>) Scalars.GraphQLID.getCoercing();

    private StrictIdScalar() {
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
        if (!(input instanceof String || input instanceof Integer || input instanceof Long || input instanceof BigInteger)) {
            throw new CoercingParseValueException("Expected a string or an integer for type 'ID' but it was "
                    + ClientErrorMessages.jsonKindOf(input));
        }
        return builtIn.parseValue(input, context, locale);
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        return builtIn.parseLiteral(input, variables, context, locale);
    }

    @Override
    public Object serialize(Object result, GraphQLContext context, Locale locale) {
        return builtIn.serialize(result, context, locale);
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return builtIn.valueToLiteral(input, context, locale);
    }
}
