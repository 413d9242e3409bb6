package dev.thestack.services.constructs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * @param service   how the router is deployed in its account
 * @param subgraphs the function (or alias) that answers each subgraph of the supergraph, by the subgraph's name in
 *                  it ("todo", "media"); the router invokes each directly and may invoke nothing else
 */
public record RouterServiceProps(ServiceProps service, Map<String, IFunction> subgraphs) {
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
