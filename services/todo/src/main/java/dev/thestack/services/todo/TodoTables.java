package dev.thestack.services.todo;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The todo table as the deploying construct creates it, for local DynamoDB servers (tests, benchmarks). */
public final class TodoTables {
    private TodoTables() {
    }

    public static CreateTableRequest todoTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                        KeySchemaElement.builder().attributeName(TodoRepository.TENANT_ID).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TodoRepository.TODO_ID).keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TodoRepository.TENANT_ID)
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TodoRepository.TODO_ID)
                                .attributeType(ScalarAttributeType.S).build())
                .build();
    }
}
