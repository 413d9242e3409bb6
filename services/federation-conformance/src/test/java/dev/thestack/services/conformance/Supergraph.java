package dev.thestack.services.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The supergraph as the supergraph module composed it with @apollo/composition at build time. */
final class Supergraph {
    private static final String RESOURCE = "/supergraph.graphql";

    private Supergraph() {
    }

    static String sdl() {
        try (InputStream sdl = Supergraph.class.getResourceAsStream(RESOURCE)) {
            if (sdl == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; build services/supergraph");
            }
            return new String(sdl.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
