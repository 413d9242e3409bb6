package dev.thestack.services.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmfLineTest {
    @Test
    void isOneValidEmfDocumentWithTheDimensionValuesAndTheInvocationsIds() throws Exception {
        String line = EmfLine.of("TheStack", 1_700_000_000_123L, "SubgraphLatency", "Milliseconds", 3.25,
                List.of("Service", "router", "Environment", "dev", "Subgraph", "todo"), "req-1", "1-abc-def");

        assertThat(line).doesNotContain("\n");
        JsonNode document = EmfDocuments.of(List.of(line)).get(0);
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(document.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions"))
                .containsExactly(EmfDocuments.JSON.valueToTree(List.of("Service", "Environment", "Subgraph")));
        assertThat(document.path("Subgraph").asText()).isEqualTo("todo");
        assertThat(document.path("SubgraphLatency").asDouble()).isEqualTo(3.25);
        assertThat(document.path(EmfLine.REQUEST_ID_PROPERTY).asText()).isEqualTo("req-1");
        assertThat(document.path(EmfLine.TRACE_ID_PROPERTY).asText()).isEqualTo("1-abc-def");
    }

    @Test
    void valuesThatJsonMustEscapeStayTheSameStringAndOneLine() {
        String awkward = "a\"b\\c\nd\te\u0001f";
        String line = EmfLine.of("TheStack", 1L, "OperationErrors", "Count", 1,
                List.of("Service", "router", "Environment", "dev", "Operation", awkward), null, null);

        assertThat(line.lines()).hasSize(1);
        JsonNode document = EmfDocuments.of(List.of(line)).get(0);
        assertThat(document.path("Operation").asText()).isEqualTo(awkward);
        assertThat(document.has(EmfLine.REQUEST_ID_PROPERTY)).isFalse();
        assertThat(document.has(EmfLine.TRACE_ID_PROPERTY)).isFalse();
    }

    @Test
    void refusesWhatWouldBeAnInvalidDocument() {
        assertThatThrownBy(() -> EmfLine.of("TheStack", 1L, "OperationLatency", "Milliseconds", Double.NaN,
                List.of("Service", "router"), null, null))
                .hasMessageContaining("OperationLatency must be a finite number");
        assertThatThrownBy(() -> EmfLine.of("TheStack", 1L, "OperationLatency", "Milliseconds", 1,
                List.of("Service", "router", "Environment"), null, null))
                .hasMessageContaining("odd number");
    }
}
