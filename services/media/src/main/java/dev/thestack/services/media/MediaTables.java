package dev.thestack.services.media;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The attachments table as the deploying construct creates it, for local DynamoDB servers (tests, benchmarks). */
public final class MediaTables {
    private MediaTables() {
    }

    public static CreateTableRequest attachmentsTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(AttachmentRepository.TENANT_ID, KeyType.HASH), key(AttachmentRepository.ATTACHMENT_ID, KeyType.RANGE))
                .attributeDefinitions(string(AttachmentRepository.TENANT_ID), string(AttachmentRepository.ATTACHMENT_ID),
                        string(AttachmentRepository.TODO_KEY), string(AttachmentRepository.UPLOADER_KEY),
                        string(AttachmentRepository.CREATED_KEY))
                .globalSecondaryIndexes(
                        index(AttachmentRepository.BY_TODO, AttachmentRepository.TODO_KEY),
                        index(AttachmentRepository.BY_UPLOADER, AttachmentRepository.UPLOADER_KEY))
                .build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key(AttachmentRepository.CREATED_KEY, KeyType.RANGE))
                .projection(projection -> projection.projectionType(ProjectionType.ALL))
                .build();
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }

    private static AttributeDefinition string(String attribute) {
        return AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build();
    }
}
