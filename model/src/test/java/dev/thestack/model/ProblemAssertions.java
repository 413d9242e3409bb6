package dev.thestack.model;

import static dev.thestack.model.StackConfigLoaderTest.catchConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The shape of every table-driven validation test: the config is refused, and one problem names the path and fix. */
final class ProblemAssertions {
    private ProblemAssertions() {
    }

    static void assertReported(String yaml, String kind, String path, String hint) {
        assertThat(catchConfig(yaml).problems()).as(kind).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.toString()).contains(hint);
        });
    }
}
