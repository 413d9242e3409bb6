package dev.thestack.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceArtifactsTest {
    @TempDir
    Path checkout;

    @Test
    void aCheckoutWithoutTheJarsIsToldWhichModulesToBuild() throws IOException {
        ServiceArtifacts artifacts = ServiceArtifacts.inCheckout(checkout);
        Files.createDirectories(artifacts.todoJar().getParent());
        Files.writeString(artifacts.todoJar(), "built");

        assertThat(artifacts.missing()).contains("the Lambda jars [" + artifacts.mediaJar() + ", " + artifacts.routerJar()
                + "] are not built; build them with ./stack build"
                + " (or mvn -B package -DskipTests -pl services/media,services/router -am)");
    }

    @Test
    void aCheckoutWithEveryJarHasNothingMissing() throws IOException {
        ServiceArtifacts artifacts = ServiceArtifacts.inCheckout(checkout);
        for (Path jar : new Path[] {artifacts.todoJar(), artifacts.mediaJar(), artifacts.routerJar()}) {
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "built");
        }

        assertThat(artifacts.missing()).isEmpty();
    }
}
