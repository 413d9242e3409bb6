package dev.thestack.services.router.supergraph;

import java.util.Objects;

/**
 * One subgraph of the supergraph, as {@code @join__graph} names it.
 *
 * @param name      its logical name ("todo"): what metrics, error extensions and fetch names call it
 * @param url       where composition was told it lives ("lambda:todo", "http://..."); transports map it, clients
 *                  never see it
 * @param enumValue its value of the {@code join__Graph} enum ("TODO"), which the other join directives use
 */
public record Subgraph(String name, String url, String enumValue) {
    public Subgraph {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(enumValue, "enumValue");
    }
}
