package dev.thestack.services.constructs;

import dev.thestack.observability.LogRetention;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/** What the services keep: a table partitioned by tenant, and the function's log group. */
final class ServiceStorage {
    static final String TENANT_KEY = "tenantId";

    private ServiceStorage() {
    }

    /**
     * On-demand, encrypted, with point-in-time recovery; partitioned by {@value #TENANT_KEY}, so no query reaches
     * another tenant's items.
     *
     * @param retainData keep the table (and protect it from deletion) when the stack goes: production data
     */
    static Table tenantTable(Construct scope, String sortKey, boolean retainData) {
        return Table.Builder.create(scope, "Table")
                .partitionKey(string(TENANT_KEY))
                .sortKey(string(sortKey))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(retainData)
                .removalPolicy(removal(retainData))
                .build();
    }

    static LogGroup logGroup(Construct scope, int retentionDays, boolean retainData) {
        return LogGroup.Builder.create(scope, "Logs")
                .retention(LogRetention.of(retentionDays))
                .removalPolicy(removal(retainData))
                .build();
    }

    static RemovalPolicy removal(boolean retainData) {
        return retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
