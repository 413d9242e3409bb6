package dev.thestack.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thestack.model.Account;
import dev.thestack.model.StackConfig;
import dev.thestack.model.StackConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The repository's organization, synthesized once per test JVM and shared by the test classes that read it: a
 * whole-organization synth costs ~15 s of jsii, too much to repeat per class.
 */
final class SynthesizedOrganization {
    static final Path ROOT = Path.of(System.getProperty("thestack.root", "..")).toAbsolutePath().normalize();
    private static SynthesizedOrganization instance;

    final StackConfig config;
    final OrganizationApp app;
    final Path out;
    final Map<String, JsonNode> templates = new LinkedHashMap<>();

    private SynthesizedOrganization() {
        try {
            out = Files.createTempDirectory("thestack-synth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = StackConfigLoader.load(ROOT.resolve("stack.yaml"));
        app = new OrganizationApp(config, ServiceArtifacts.inCheckout(ROOT), out);
        app.synth();
        for (Account account : config.accounts()) {
            templates.put(account.name(), AssemblyReader.template(out, AccountStacks.stackName(config, account)));
        }
    }

    static synchronized SynthesizedOrganization get() {
        if (instance == null) {
            instance = new SynthesizedOrganization();
        }
        return instance;
    }
}
