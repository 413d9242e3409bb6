package dev.thestack.app;

import dev.thestack.app.AssemblyOutput.OutputFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssemblyOutputTest {
    @TempDir
    Path dir;

    @Test
    void refusesToReplaceAnythingThatIsNotACloudAssembly() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("stack.yaml"), "mine");

        assertThatThrownBy(() -> AssemblyOutput.open(Path.of("/")))
                .isInstanceOf(OutputFolderException.class).hasMessageContaining("refusing to use /");
        assertThatThrownBy(() -> AssemblyOutput.open(notes))
                .isInstanceOf(OutputFolderException.class).hasMessageContaining("is a file");
        assertThatThrownBy(() -> AssemblyOutput.open(work))
                .isInstanceOf(OutputFolderException.class).hasMessageContaining("not a cloud assembly (no manifest.json)");
        assertThatThrownBy(() -> AssemblyOutput.open(Path.of("").toAbsolutePath().getParent()))
                .isInstanceOf(OutputFolderException.class).hasMessageContaining("contains the current folder");

        assertThat(notes).hasContent("mine");
        assertThat(work.resolve("stack.yaml")).hasContent("mine");
        assertThat(dir).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void commitSwapsTheNewAssemblyInAndRejectLeavesTheOldOneAlone() throws IOException {
        Path out = dir.resolve("cdk.out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("manifest.json"), "old");

        try (AssemblyOutput output = AssemblyOutput.open(out)) {
            Files.writeString(output.staging().resolve("manifest.json"), "rejected");
            assertThat(output.reject()).isEqualTo(dir.resolve("cdk.out.rejected"));
        }
        assertThat(out.resolve("manifest.json")).hasContent("old");

        try (AssemblyOutput output = AssemblyOutput.open(out)) {
            Files.writeString(output.staging().resolve("manifest.json"), "new");
            output.commit();
        }
        assertThat(out.resolve("manifest.json")).hasContent("new");
        assertThat(dir).isDirectoryNotContaining("glob:**.{partial,previous,lock,rejected}");
    }

    @Test
    void oneWriterAtATimeAndNoStagingLeftBehind() throws IOException {
        Path out = dir.resolve("cdk.out");

        try (AssemblyOutput first = AssemblyOutput.open(out)) {
            Files.writeString(first.staging().resolve("half.json"), "{");
            assertThatThrownBy(() -> AssemblyOutput.open(out))
                    .isInstanceOf(OutputFolderException.class).hasMessageContaining("another synth is writing");
        }
        assertThat(dir).isEmptyDirectory();
    }
}
