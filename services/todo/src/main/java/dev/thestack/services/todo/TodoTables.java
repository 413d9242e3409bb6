package dev.thestack.services.todo;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The todo table as the deploying construct (services/constructs' TodoService) creates it, for local DynamoDB
 * servers (tests, benchmarks): the keys, and the owner index with every attribute projected.
 */
public final class TodoTables {
    private TodoTables() {
    }

    public static CreateTableRequest todoTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(TodoRepository.TENANT_ID, KeyType.HASH), key(TodoRepository.TODO_ID, KeyType.RANGE))
                .attributeDefinitions(stringAttribute(TodoRepository.TENANT_ID), stringAttribute(TodoRepository.TODO_ID),
                        stringAttribute(TodoRepository.OWNER_KEY))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(TodoRepository.BY_OWNER_INDEX)
                        .keySchema(key(TodoRepository.OWNER_KEY, KeyType.HASH), key(TodoRepository.TODO_ID, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build();
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }

    private static AttributeDefinition stringAttribute(String attribute) {
        return AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build();
    }
}
