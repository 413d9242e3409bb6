package dev.thestack.services.router;

import dev.thestack.services.graphql.ClientErrorMessages;
import dev.thestack.services.router.execution.GraphQLJsText;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax and validation errors worded as graphql-js words them, so the router refuses a document with the same
 * JSON as {@code @apollo/gateway}. graphql-java still decides what is invalid; the rules clients meet most (unknown
 * fields and arguments, missing arguments, leaf and composite selections, unused or unknown fragments and
 * variables) get graphql-js's message, computed here from the document; the rest keep graphql-java's description.
 * Errors come in document order, as graphql-js reports them in one pass.
 */
final class ValidationErrors {
    private static final Pattern DESCRIPTION_PREFIX = Pattern.compile("^Validation error \\([^)]*\\) : ");
    /** What this class words itself, from the document. */
    private static final Set<ValidationErrorType> WORDED_HERE = Set.of(ValidationErrorType.FieldUndefined,
            ValidationErrorType.UnknownArgument, ValidationErrorType.MissingFieldArgument,
            ValidationErrorType.SubselectionRequired, ValidationErrorType.SubselectionNotAllowed);
    private static final Map<ValidationErrorType, Rewording> REWORDED = Map.of(
            ValidationErrorType.UnusedVariable, new Rewording("Unused variable '(.+)'", "Variable \"$%s\" is never used."),
            ValidationErrorType.UnusedFragment, new Rewording("Unused fragment '(.+)'", "Fragment \"%s\" is never used."),
            ValidationErrorType.UndefinedFragment, new Rewording("Undefined fragment '(.+)'", "Unknown fragment \"%s\"."));

    private record Rewording(Pattern description, String message) {
        Rewording(String description, String message) {
            this(Pattern.compile(description), message);
        }
    }

    private final GraphQLSchema schema;

    ValidationErrors(GraphQLSchema apiSchema) {
        this.schema = apiSchema;
    }

    /** graphql-js's "Syntax Error: ..." for what graphql-java's parser refused. */
    static Map<String, Object> syntaxError(String query, InvalidSyntaxException e) {
        String token = e.getOffendingToken();
        SourceLocation location = e.getLocation();
        String message;
        if (token == null || token.equals("<EOF>")) {
            // a document cut short ends inside a selection, where graphql-js expects a field's name
            message = "Syntax Error: Expected Name, found <EOF>.";
            location = endOf(query);
        } else if (token.matches("[_A-Za-z][_0-9A-Za-z]*")) {
            message = "Syntax Error: Unexpected Name \"" + token + "\".";
        } else {
            message = "Syntax Error: Unexpected \"" + token + "\".";
        }
        return Router.error(message, location == null ? null : List.of(location), Router.GRAPHQL_PARSE_FAILED);
    }

    private static SourceLocation endOf(String query) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceLocation(line, column);
    }

    List<Map<String, Object>> errors(String query, Document document, List<ValidationError> invalid) {
        List<Located> errors = new ArrayList<>();
        Walk walk = new Walk(errors);
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            GraphQLObjectType root = switch (operation.getOperation()) {
                case QUERY -> schema.getQueryType();
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
            };
            if (root != null) {
                walk.selections(operation.getSelectionSet(), root);
            }
        }
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            if (schema.getType(fragment.getTypeCondition().getName()) instanceof GraphQLCompositeType type) {
                walk.selections(fragment.getSelectionSet(), type);
            }
        }
        for (ValidationError error : invalid) {
            if (error.getValidationErrorType() instanceof ValidationErrorType type && WORDED_HERE.contains(type)) {
                continue;
            }
            String description = DESCRIPTION_PREFIX.matcher(error.getDescription() == null ? error.getMessage()
                    : error.getDescription()).replaceFirst("");
            Rewording rewording = REWORDED.get(error.getValidationErrorType());
            Matcher matcher = rewording == null ? null : rewording.description().matcher(description);
            String message = matcher != null && matcher.matches()
                    ? String.format(rewording.message(), matcher.group(1))
                    : ClientErrorMessages.forClients(description);
            List<SourceLocation> locations = error.getValidationErrorType() == ValidationErrorType.UndefinedFragment
                    ? error.getLocations().stream().map(spread -> nameOfSpread(query, spread)).toList()
                    : error.getLocations();
            errors.add(new Located(message, locations));
        }
        if (errors.isEmpty()) {
            // graphql-java found a problem this class words itself, but the walk did not: say what graphql-java says
            invalid.forEach(error -> errors.add(new Located(DESCRIPTION_PREFIX.matcher(error.getDescription()).replaceFirst(""),
                    error.getLocations())));
        }
        return errors.stream()
                .sorted(Comparator.comparing(Located::line).thenComparing(Located::column))
                .map(error -> Router.error(error.message(), error.locations(), Router.GRAPHQL_VALIDATION_FAILED))
                .toList();
    }

    /** graphql-java points at a spread's "...", graphql-js at the fragment's name after it. */
    private static SourceLocation nameOfSpread(String query, SourceLocation spread) {
        String[] lines = query.split("\n", -1);
        if (spread.getLine() < 1 || spread.getLine() > lines.length) {
            return spread;
        }
        String line = lines[spread.getLine() - 1];
        int column = spread.getColumn() - 1;
        if (!line.startsWith("...", column)) {
            return spread;
        }
        column += 3;
        while (column < line.length() && Character.isWhitespace(line.charAt(column))) {
            column++;
        }
        return new SourceLocation(spread.getLine(), column + 1);
    }

    private record Located(String message, List<SourceLocation> locations) {
        int line() {
            return locations == null || locations.isEmpty() ? Integer.MAX_VALUE : locations.get(0).getLine();
        }

        int column() {
            return locations == null || locations.isEmpty() ? Integer.MAX_VALUE : locations.get(0).getColumn();
        }
    }

    /** The document against the schema: fields, their arguments and their selections. */
    private final class Walk {
        private final List<Located> errors;

        Walk(List<Located> errors) {
            this.errors = errors;
        }

        void selections(SelectionSet set, GraphQLCompositeType parent) {
            if (set == null) {
                return;
            }
            for (graphql.language.Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    field(field, parent);
                } else if (selection instanceof InlineFragment inline) {
                    GraphQLType condition = inline.getTypeCondition() == null ? parent
                            : schema.getType(inline.getTypeCondition().getName());
                    if (condition instanceof GraphQLCompositeType composite) {
                        selections(inline.getSelectionSet(), composite);
                    }
                }
            }
        }

        private void field(Field field, GraphQLCompositeType parent) {
            String name = field.getName();
            if (name.startsWith("__")) {
                // introspection fields are graphql-java's to check
                return;
            }
            GraphQLFieldDefinition definition = parent instanceof GraphQLFieldsContainer container
                    ? container.getFieldDefinition(name) : null;
            if (definition == null) {
                List<String> known = parent instanceof GraphQLFieldsContainer container
                        ? container.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList() : List.of();
                add("Cannot query field \"" + name + "\" on type \"" + parent.getName() + "\"."
                        + GraphQLJsText.didYouMean(GraphQLJsText.suggestions(name, known)), field.getSourceLocation());
                return;
            }
            List<String> argumentNames = definition.getArguments().stream().map(GraphQLArgument::getName).toList();
            for (Argument argument : field.getArguments()) {
                if (!argumentNames.contains(argument.getName())) {
                    add("Unknown argument \"" + argument.getName() + "\" on field \"" + parent.getName() + "." + name
                            + "\"." + GraphQLJsText.didYouMean(GraphQLJsText.suggestions(argument.getName(), argumentNames)),
                            argument.getSourceLocation());
                }
            }
            for (GraphQLArgument argument : definition.getArguments()) {
                boolean given = field.getArguments().stream().anyMatch(candidate -> candidate.getName().equals(argument.getName()));
                if (!given && argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue()) {
                    add("Field \"" + name + "\" argument \"" + argument.getName() + "\" of type \""
                            + GraphQLTypeUtil.simplePrint(argument.getType()) + "\" is required, but it was not provided.",
                            field.getSourceLocation());
                }
            }
            GraphQLType named = GraphQLTypeUtil.unwrapAll(definition.getType());
            String type = GraphQLTypeUtil.simplePrint(definition.getType());
            if (named instanceof GraphQLCompositeType composite) {
                if (field.getSelectionSet() == null) {
                    add("Field \"" + name + "\" of type \"" + type + "\" must have a selection of subfields. Did you mean \""
                            + name + " { ... }\"?", field.getSourceLocation());
                } else {
                    selections(field.getSelectionSet(), composite);
                }
            } else if (field.getSelectionSet() != null) {
                add("Field \"" + name + "\" must not have a selection since type \"" + type + "\" has no subfields.",
                        field.getSelectionSet().getSourceLocation());
            }
        }

        private void add(String message, SourceLocation location) {
            errors.add(new Located(message, location == null ? List.of() : List.of(location)));
        }
    }
}
