package dev.thestack.observability;

/** What a workload account shares with the monitoring account through CloudWatch cross-account observability. */
public enum TelemetryType {
    METRICS("AWS::CloudWatch::Metric"),
    LOGS("AWS::Logs::LogGroup"),
    TRACES("AWS::XRay::Trace");

    private final String resourceType;

    TelemetryType(String resourceType) {
        this.resourceType = resourceType;
    }

    /** The name Observability Access Manager uses in sinks, links and policy conditions. */
    public String resourceType() {
        return resourceType;
    }
}
