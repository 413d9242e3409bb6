package dev.thestack.runbooks;

import dev.thestack.model.Runbooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RunbookIndexTest {
    private final RunbookIndex index = new RunbookIndex(new Runbooks("https://git.example/stack/blob/main/runbooks/alarms/"));

    @ParameterizedTest
    @EnumSource(AlarmKind.class)
    void everyAlarmKindHasARunbookAnOnCallEngineerCanFollow(AlarmKind kind) {
        String text = RunbookIndex.text(kind);

        assertThat(text).startsWith("# ").contains("## Impact", "## Diagnose", "## Mitigate", "## Escalate");
    }

    @Test
    void linksJoinTheBaseUrlAndTheFileAndReadBack() {
        assertThat(index.link(AlarmKind.LAMBDA_ERRORS))
                .isEqualTo("https://git.example/stack/blob/main/runbooks/alarms/lambda-errors.md");
        assertThat(index.kindOf(index.link(AlarmKind.DYNAMODB_THROTTLES))).contains(AlarmKind.DYNAMODB_THROTTLES);
        assertThat(index.kindOf("https://elsewhere.example/x.md")).isEmpty();
    }

    @Test
    void noRunbookFileIsOrphaned() throws Exception {
        Path dir = Path.of(System.getProperty("thestack.root", "..")).resolve("runbooks/alarms");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(AlarmKind.values()).map(AlarmKind::fileName).toList());
        }
    }
}
