package dev.thestack.services.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.services.router.supergraph.Supergraph;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchTimeoutsTest {
    private static final Supergraph SUPERGRAPH = Supergraph.fromClasspath();

    @Test
    void aSubgraphsOwnWaitOverridesTheWaitForAll() {
        FetchTimeouts timeouts = FetchTimeouts.fromEnvironment(SUPERGRAPH.subgraphs(),
                Map.of("ROUTER_FETCH_TIMEOUT_MS", "2000", "SUBGRAPH_TIMEOUT_MS_MEDIA", " 30000 "));

        assertThat(timeouts.of("media")).isEqualTo(Duration.ofSeconds(30));
        assertThat(timeouts.of("todo")).isEqualTo(Duration.ofSeconds(2));
        assertThat(FetchTimeouts.fromEnvironment(SUPERGRAPH.subgraphs(), Map.of()).of("todo"))
                .isEqualTo(FetchTimeouts.DEFAULT);
        assertThat(FetchTimeouts.variable("media")).isEqualTo("SUBGRAPH_TIMEOUT_MS_MEDIA");
    }

    @Test
    void aWaitThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new FetchTimeouts(Duration.ofSeconds(1), Map.of("media", Duration.ZERO)))
                .hasMessage("the fetch timeout of media must be positive, was PT0S");
        assertThatThrownBy(() -> FetchTimeouts.fromEnvironment(SUPERGRAPH.subgraphs(),
                Map.of("SUBGRAPH_TIMEOUT_MS_TODO", "5s")))
                .hasMessageContaining("SUBGRAPH_TIMEOUT_MS_TODO must be a positive number of milliseconds");
    }
}
