package dev.thestack.services.awslocal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** Captures what code prints to System.out, where Lambda code writes its logs and EMF metrics. */
public final class StandardOutput {
    private StandardOutput() {
    }

    public record Captured<T>(T result, List<String> lines) {
    }

    public static <T> Captured<T> capture(Supplier<T> action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            T result = action.get();
            System.out.flush();
            return new Captured<>(result, buffer.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(original);
        }
    }
}
