package dev.thestack.services.constructs;

import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The Todo subgraph: a Java Lambda (Powertools tracing, metrics, logging) over a DynamoDB table keyed by tenant,
 * with an index of each user's todos ({@value #OWNER_INDEX}, the keys TodoRepository writes). Its role grants
 * exactly the calls the handler makes, on this table and index only.
 */
public final class TodoService extends Construct {
    public static final String SERVICE_NAME = "todo";
    public static final String HANDLER = "dev.thestack.services.todo.TodoHandler::handleRequest";
    public static final String OWNER_INDEX = "byOwner";

    /** Memory unless {@link ServiceProps#memorySizeMb()} says otherwise. */
    public static final int DEFAULT_MEMORY_MB = 1024;
    /** How long an invocation may run; the router waits as long for it. */
    public static final int TIMEOUT_SECONDS = 10;
    private static final ServiceFunctions.Spec SPEC = new ServiceFunctions.Spec(SERVICE_NAME, "Todo GraphQL subgraph",
            HANDLER, DEFAULT_MEMORY_MB, TIMEOUT_SECONDS,
            "Todo subgraph: its own log group, X-Ray, and item access to its table");

    private final Table table;
    private final Function function;
    private final Alias alias;

    public TodoService(Construct scope, String id, ServiceProps props) {
        super(scope, id);
        this.table = ServiceStorage.tenantTable(this, "todoId", props.retainData());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(OWNER_INDEX)
                .partitionKey(ServiceStorage.string("ownerKey"))
                .sortKey(ServiceStorage.string("todoId"))
                // a user's list is then one Query, without a read of the table per todo
                .projectionType(ProjectionType.ALL)
                .build());
        ServiceFunctions.Deployed deployed = ServiceFunctions.deploy(this, SPEC, props,
                Map.of("TODO_TABLE_NAME", table.getTableName()));
        this.function = deployed.function();
        this.alias = deployed.alias();
        deployed.role().addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
                        "dynamodb:BatchGetItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        deployed.role().addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn() + "/index/" + OWNER_INDEX))
                .build());
    }

    public Table table() {
        return table;
    }

    public Function function() {
        return function;
    }

    /** What callers invoke: the published version, which starts from its SnapStart snapshot ($LATEST has none). */
    public Alias alias() {
        return alias;
    }
}
