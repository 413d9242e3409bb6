package dev.thestack.governance;

import dev.thestack.model.ConfigException;
import dev.thestack.model.StackConfigLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagPolicyDocumentTest {
    @Test
    void aTagPolicyOverOrganizationsSizeLimitIsAConfigErrorNamingTheFix() throws IOException {
        String yaml = Files.readString(Path.of(System.getProperty("thestack.root", "..")).resolve("stack.yaml"));
        String types = IntStream.range(0, 300).mapToObj(i -> "service" + i + ":resource-type")
                .collect(Collectors.joining(", ", "[", "]"));
        var config = StackConfigLoader.parse(yaml.replace("enforcedFor: []", "enforcedFor: " + types), "stack.yaml");

        assertThatThrownBy(() -> TagPolicyDocument.of(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tags: the tag policy would be")
                .hasMessageContaining("over Organizations' limit of 10000")
                .hasMessageContaining("enforce fewer resource types");
        assertThatThrownBy(() -> GovernanceChecks.check(config, "big.yaml"))
                .as("validate and governance refuse what synth would, naming the file given")
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("1 problem in big.yaml:");
        var repository = StackConfigLoader.parse(yaml, "stack.yaml");
        assertThat(TagPolicyDocument.size(TagPolicyDocument.of(repository)))
                .isLessThan(TagPolicyDocument.MAX_TAG_POLICY_CHARACTERS);
    }
}
