package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The EMF documents among captured stdout lines, each checked against what CloudWatch Logs needs to extract
 * metrics from it (the embedded metric format specification): a millisecond timestamp, directives naming a
 * namespace, metrics and dimension sets, and a top-level member for every dimension (a string) and metric (a
 * number) a directive names.
 */
final class EmfDocuments {
    static final ObjectMapper JSON = new ObjectMapper();

    private EmfDocuments() {
    }

    static List<JsonNode> jsonLines(List<String> lines) {
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                try {
                    json.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("stdout line is not JSON: " + line, e);
                }
            }
        }
        return json;
    }

    /** The valid EMF documents among the lines; fails on one that claims to be EMF and is not valid. */
    static List<JsonNode> of(List<String> lines) {
        return jsonLines(lines).stream().filter(line -> line.has("_aws")).peek(EmfDocuments::assertValid).toList();
    }

    /** The documents that carry this metric. */
    static List<JsonNode> withMetric(List<String> lines, String metric) {
        return of(lines).stream().filter(document -> metricNames(document).contains(metric)).toList();
    }

    static List<String> metricNames(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.path("_aws").path("CloudWatchMetrics").forEach(directive ->
                directive.path("Metrics").forEach(metric -> names.add(metric.path("Name").asText())));
        return names;
    }

    private static void assertValid(JsonNode document) {
        JsonNode aws = document.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("Timestamp in %s", document).isTrue();
        assertThat(aws.path("CloudWatchMetrics").isArray()).as("CloudWatchMetrics in %s", document).isTrue();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            assertThat(directive.path("Namespace").asText()).as("Namespace in %s", document).isNotBlank();
            assertThat(directive.path("Dimensions").isArray()).isTrue();
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                assertThat(dimensionSet.size()).as("dimensions per set").isBetween(1, 30);
                dimensionSet.forEach(name -> assertThat(document.path(name.asText()).isTextual())
                        .as("dimension %s has a string value in %s", name, document).isTrue());
            }
            assertThat(directive.path("Metrics").size()).as("metrics per directive").isBetween(1, 100);
            for (JsonNode metric : directive.path("Metrics")) {
                JsonNode value = document.path(metric.path("Name").asText());
                assertThat(value.isNumber() || value.isArray() && value.size() > 0 && value.get(0).isNumber())
                        .as("metric %s has a number in %s", metric, document).isTrue();
            }
        }
    }
}
