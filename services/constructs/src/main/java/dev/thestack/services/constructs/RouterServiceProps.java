package dev.thestack.services.constructs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * @param service   how the router is deployed in its account
 * @param subgraphs what answers each subgraph of the supergraph, by the subgraph's name in it ("todo", "media"); the
 *                  router invokes each directly and may invoke nothing else
 */
public record RouterServiceProps(ServiceProps service, Map<String, Subgraph> subgraphs) {
    /**
     * @param function       the function (or alias) the router invokes
     * @param timeoutSeconds the function's own timeout: the router waits that long for its answer, no less (a
     *                       shorter wait would fail requests the subgraph still completes)
     */
    public record Subgraph(IFunction function, int timeoutSeconds) {
        public Subgraph {
            Objects.requireNonNull(function, "function");
            if (timeoutSeconds < 1 || timeoutSeconds > RouterService.MAX_SUBGRAPH_TIMEOUT_SECONDS) {
                throw new IllegalArgumentException("a subgraph's timeout must be 1 to "
                        + RouterService.MAX_SUBGRAPH_TIMEOUT_SECONDS + " seconds (the router's own Lambda timeout is"
                        + " twice the longest), but is " + timeoutSeconds);
            }
        }
    }

    public RouterServiceProps {
        Objects.requireNonNull(service, "service");
        if (subgraphs.isEmpty()) {
            throw new IllegalArgumentException("a router needs the function of at least one subgraph");
        }
        subgraphs.keySet().forEach(name -> {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("subgraph name '" + name + "' is not a supergraph subgraph name such"
                        + " as todo or media (lower-case letters, digits and '_')");
            }
        });
        // kept in the caller's order: the template lists the variables and grants in it
        subgraphs = Collections.unmodifiableMap(new LinkedHashMap<>(subgraphs));
    }
}
