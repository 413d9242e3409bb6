package dev.thestack.services.constructs;

import dev.thestack.observability.FunctionRoles;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
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

    private final Table table;
    private final Function function;
    private final Alias alias;
    private final LogGroup logGroup;

    public TodoService(Construct scope, String id, TodoServiceProps props) {
        super(scope, id);
        ServiceFunctions.requireJar(SERVICE_NAME, props.handlerJar());
        this.table = ServiceStorage.tenantTable(this, "todoId", props.retainData());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(OWNER_INDEX)
                .partitionKey(ServiceStorage.string("ownerKey"))
                .sortKey(ServiceStorage.string("todoId"))
                // a user's list is then one Query, without a read of the table per todo
                .projectionType(ProjectionType.ALL)
                .build());
        this.logGroup = ServiceStorage.logGroup(this, props.logRetentionDays(), props.retainData());

        Role role = FunctionRoles.writingTo(this, "Role",
                "Todo subgraph: its own log group, X-Ray, and item access to its table", logGroup);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query",
                        "dynamodb:BatchGetItem"))
                .resources(List.of(table.getTableArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn() + "/index/" + OWNER_INDEX))
                .build());

        this.function = ServiceFunctions.java(this, SERVICE_NAME, props.environment(), props.handlerJar(),
                        Map.of("TODO_TABLE_NAME", table.getTableName()))
                .description("Todo GraphQL subgraph (" + props.environment() + ")")
                .handler(HANDLER)
                .memorySize(props.memorySizeMb())
                .timeout(Duration.seconds(10))
                .role(role)
                .logGroup(logGroup)
                .build();
        this.alias = ServiceFunctions.live(function);
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

    public LogGroup logGroup() {
        return logGroup;
    }
}
