package dev.thestack.runbooks;

/** Each kind of alarm The Stack creates, and the runbook (runbooks/alarms/FILE) an on-call engineer follows for it. */
public enum AlarmKind {
    LAMBDA_ERRORS("lambda-errors.md"),
    LAMBDA_LATENCY("lambda-latency.md"),
    LAMBDA_THROTTLES("lambda-throttles.md"),
    DYNAMODB_THROTTLES("dynamodb-throttles.md"),
    DYNAMODB_ERRORS("dynamodb-errors.md"),
    GRAPHQL_ERRORS("graphql-errors.md"),
    SUBGRAPH_ERRORS("subgraph-errors.md"),
    SUBGRAPH_LATENCY("subgraph-latency.md"),
    ALARM_DELIVERY("alarm-delivery.md");

    private final String fileName;

    AlarmKind(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
