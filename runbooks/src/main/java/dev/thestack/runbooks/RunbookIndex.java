package dev.thestack.runbooks;

import dev.thestack.model.Runbooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Links each alarm kind to its runbook, published under the model's {@code runbooks.baseUrl}. */
public final class RunbookIndex {
    /** Where the runbooks sit inside this module's jar (and, from the repository root, on disk). */
    public static final String RESOURCE_DIR = "runbooks/alarms/";

    private final Runbooks runbooks;

    public RunbookIndex(Runbooks runbooks) {
        this.runbooks = runbooks;
    }

    public String link(AlarmKind kind) {
        return runbooks.link(kind.fileName());
    }

    /** The alarm kind whose runbook a link points at, if it points at one of ours. */
    public Optional<AlarmKind> kindOf(String link) {
        for (AlarmKind kind : AlarmKind.values()) {
            if (link(kind).equals(link)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The runbook text, read from the jar; throws if a kind has no runbook (a build that should never ship). */
    public static String text(AlarmKind kind) {
        try (InputStream in = RunbookIndex.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + kind.fileName())) {
            if (in == null) {
                throw new IllegalStateException("no runbook " + RESOURCE_DIR + kind.fileName() + " for " + kind);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
