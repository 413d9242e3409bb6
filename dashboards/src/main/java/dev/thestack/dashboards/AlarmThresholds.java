package dev.thestack.dashboards;

import java.time.Duration;

/**
 * Alarm thresholds of a workload. The defaults page on a sustained problem, not on one failed request.
 *
 * @param lambdaErrorRatePercent errors / invocations over five minutes
 * @param lambdaErrorCount       errors in five minutes, whatever the traffic
 * @param lambdaP99Latency       p99 duration
 * @param lambdaThrottles        throttled invocations in five minutes
 * @param tableThrottledEvents   read or write throttle events in five minutes
 * @param tableSystemErrors      DynamoDB 500s in five minutes
 * @param graphqlErrors          GraphQL responses with errors in five minutes
 * @param subgraphErrors         the router's failed fetches from one subgraph in five minutes
 * @param subgraphP99Latency     p99 of the router's fetches from one subgraph
 */
public record AlarmThresholds(double lambdaErrorRatePercent, int lambdaErrorCount, Duration lambdaP99Latency,
                              int lambdaThrottles, int tableThrottledEvents, int tableSystemErrors, int graphqlErrors,
                              int subgraphErrors, Duration subgraphP99Latency) {
    public static AlarmThresholds defaults() {
        // a fetch includes the subgraph's cold starts (about 2 s, bench/README.md), which a quiet hour's p99 shows
        return new AlarmThresholds(5, 10, Duration.ofSeconds(3), 1, 10, 1, 5, 5, Duration.ofSeconds(3));
    }
}
