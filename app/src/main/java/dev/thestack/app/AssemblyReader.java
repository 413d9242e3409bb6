package dev.thestack.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thestack.model.Account;
import dev.thestack.model.StackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a synthesized cloud assembly back from disk, as the CDK CLI would, to summarize it per account. */
public final class AssemblyReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AssemblyReader() {
    }

    public static List<AccountSummary> summarize(Path assembly, StackConfig config) {
        List<AccountSummary> summaries = new ArrayList<>();
        for (Account account : config.accounts()) {
            String stackName = AccountStacks.stackName(config, account);
            JsonNode resources = template(assembly, stackName).path("Resources");
            Map<String, Integer> byType = new TreeMap<>();
            resources.forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
            summaries.add(new AccountSummary(account.name(), account.id(), account.region(), stackName, byType,
                    byType.getOrDefault("AWS::CloudWatch::Alarm", 0),
                    byType.getOrDefault("AWS::CloudWatch::Dashboard", 0),
                    NagFindings.read(assembly, stackName)));
        }
        return summaries;
    }

    public static JsonNode template(Path assembly, String stackName) {
        try {
            return JSON.readTree(assembly.resolve(stackName + ".template.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template of " + stackName + " in " + assembly, e);
        }
    }
}
