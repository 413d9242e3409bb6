package dev.thestack.services.constructs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Stand-ins for the services' Lambda jars: a construct only needs an archive to stage as the function's code. */
final class TestJars {
    private TestJars() {
    }

    static Path empty(Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, new Manifest())) {
            return jar;
        }
    }
}
