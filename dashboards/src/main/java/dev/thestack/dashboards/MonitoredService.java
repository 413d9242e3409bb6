package dev.thestack.dashboards;

import dev.thestack.services.contract.MetricDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * One service of a workload account as its on-call view watches it: its function, its table if it has one, its
 * own GraphQL error metric (every service emits it), and what else of the metric contract it shows.
 *
 * @param service          the service's name: the {@code Service} dimension of what it emits (todo, media, router)
 * @param title            how the dashboard names it (Todo subgraph)
 * @param alarmNamePrefix  what every alarm of the service starts with ({@link dev.thestack.model.AlarmNames#prefix}):
 *                         the central alarm routing reads the owning team from it
 * @param function         its Lambda function
 * @param table            its DynamoDB table, if it has one
 * @param shownMetrics     metrics of the contract (dimensions Service and Environment) shown, never alarmed
 * @param routedSubgraphs  for a router: the subgraphs it fetches from (the {@code Subgraph} dimension of
 *                         SubgraphErrors and SubgraphLatency), each alarmed on its own, and its per-operation
 *                         metrics are shown; empty for a subgraph
 */
public record MonitoredService(String service, String title, String alarmNamePrefix, IFunction function,
                               Optional<ITable> table, List<MetricDefinition> shownMetrics,
                               List<String> routedSubgraphs) {
    public MonitoredService {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(alarmNamePrefix, "alarmNamePrefix");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(table, "table");
        shownMetrics = List.copyOf(shownMetrics);
        routedSubgraphs = List.copyOf(routedSubgraphs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String service;
        private String title;
        private String alarmNamePrefix;
        private IFunction function;
        private ITable table;
        private List<MetricDefinition> shownMetrics = List.of();
        private List<String> routedSubgraphs = List.of();

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder alarmNamePrefix(String alarmNamePrefix) {
            this.alarmNamePrefix = alarmNamePrefix;
            return this;
        }

        public Builder function(IFunction function) {
            this.function = function;
            return this;
        }

        public Builder table(ITable table) {
            this.table = table;
            return this;
        }

        public Builder shownMetrics(List<MetricDefinition> shownMetrics) {
            this.shownMetrics = shownMetrics;
            return this;
        }

        public Builder routedSubgraphs(List<String> routedSubgraphs) {
            this.routedSubgraphs = routedSubgraphs;
            return this;
        }

        public MonitoredService build() {
            return new MonitoredService(service, title, alarmNamePrefix, function, Optional.ofNullable(table),
                    shownMetrics, routedSubgraphs);
        }
    }
}
