package dev.thestack.services.router.supergraph;

import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SDLDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeUtil;
import dev.thestack.services.graphql.StrictIdScalar;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The API schema of a supergraph: what clients may query and introspect. It drops the join and link machinery
 * (their types and directives), every element marked {@code @inaccessible}, and every applied directive but the
 * ones GraphQL itself defines for schemas ({@code @deprecated}, {@code @specifiedBy}, {@code @oneOf}).
 */
final class ApiSchemaBuilder {
    private static final Set<String> KEPT_DIRECTIVES = Set.of("deprecated", "specifiedBy", "oneOf");

    private final TypeDefinitionRegistry supergraph;
    private final String inaccessible;

    ApiSchemaBuilder(TypeDefinitionRegistry supergraph, String inaccessible) {
        this.supergraph = supergraph;
        this.inaccessible = inaccessible;
    }

    GraphQLSchema build() {
        TypeDefinitionRegistry api = new TypeDefinitionRegistry();
        supergraph.schemaDefinition().ifPresent(schema -> api.add(schema.transform(builder -> builder
                .directives(List.of())
                .operationTypeDefinitions(schema.getOperationTypeDefinitions().stream()
                        .filter(operation -> visible(operation.getTypeName().getName()))
                        .toList()))));
        for (TypeDefinition<?> type : supergraph.types().values()) {
            if (visible(type.getName())) {
                api.add(strip(type));
            }
        }
        // variables are coerced against this schema: its ID must refuse what the subgraphs' strict ID refuses
        return new SchemaGenerator().makeExecutableSchema(api, RuntimeWiring.newRuntimeWiring()
                .wiringFactory(new MockedWiringFactory())
                // replacing a built-in scalar is what strict mode refuses, so only for this one
                .strictMode(false)
                .scalar(StrictIdScalar.ID)
                .strictMode(true)
                .build());
    }

    private boolean visible(String typeName) {
        return supergraph.getType(typeName)
                .map(type -> !SupergraphReader.isMachinery(type.getName()) && !type.hasDirective(inaccessible))
                // built-in scalars are not in the registry
                .orElse(true);
    }

    private boolean visibleType(Type<?> type) {
        return visible(TypeUtil.unwrapAll(type).getName());
    }

    private SDLDefinition<?> strip(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition object) {
            return object.transform(builder -> builder
                    .directives(kept(object))
                    .implementz(visibleInterfaces(object.getImplements()))
                    .fieldDefinitions(fields(object.getFieldDefinitions())));
        }
        if (type instanceof InterfaceTypeDefinition anInterface) {
            return anInterface.transform(builder -> builder
                    .directives(kept(anInterface))
                    .implementz(visibleInterfaces(anInterface.getImplements()))
                    .definitions(fields(anInterface.getFieldDefinitions())));
        }
        if (type instanceof UnionTypeDefinition union) {
            return union.transform(builder -> builder
                    .directives(kept(union))
                    .memberTypes(union.getMemberTypes().stream().filter(this::visibleType).map(member -> (Type) member).toList()));
        }
        if (type instanceof EnumTypeDefinition anEnum) {
            return anEnum.transform(builder -> builder
                    .directives(kept(anEnum))
                    .enumValueDefinitions(anEnum.getEnumValueDefinitions().stream()
                            .filter(notInaccessible())
                            .map(value -> value.transform(valueBuilder -> valueBuilder.directives(kept(value))))
                            .toList()));
        }
        if (type instanceof InputObjectTypeDefinition input) {
            return input.transform(builder -> builder
                    .directives(kept(input))
                    .inputValueDefinitions(inputValues(input.getInputValueDefinitions())));
        }
        if (type instanceof ScalarTypeDefinition scalar) {
            return scalar.transform(builder -> builder.directives(kept(scalar)));
        }
        return type;
    }

    private List<Type> visibleInterfaces(List<Type> interfaces) {
        return interfaces.stream().filter(this::visibleType).toList();
    }

    private List<FieldDefinition> fields(List<FieldDefinition> fields) {
        return fields.stream()
                .filter(notInaccessible())
                .filter(field -> visibleType(field.getType()))
                .map(field -> field.transform(builder -> builder
                        .directives(kept(field))
                        .inputValueDefinitions(inputValues(field.getInputValueDefinitions()))))
                .toList();
    }

    private List<InputValueDefinition> inputValues(List<InputValueDefinition> values) {
        return values.stream()
                .filter(notInaccessible())
                .filter(value -> visibleType(value.getType()))
                .map(value -> value.transform(builder -> builder.directives(kept(value))))
                .toList();
    }

    private <T extends DirectivesContainer<?>> Predicate<T> notInaccessible() {
        return element -> !element.hasDirective(inaccessible);
    }

    private static List<Directive> kept(DirectivesContainer<?> element) {
        return element.getDirectives().stream().filter(directive -> KEPT_DIRECTIVES.contains(directive.getName())).toList();
    }
}
