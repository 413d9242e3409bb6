package dev.thestack.services.constructs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * @param environment      the environment the service runs (prod, integration, dev): a metric dimension and a tag
 * @param logRetentionDays retention of the function's log group
 * @param handlerJar       the shaded Lambda jar built by services/media
 * @param memorySizeMb     Lambda memory; CPU grows with it, and resizing a 20 MiB image wants 1536 or more
 * @param retainData       keep the table and the bucket when the stack is deleted (production data)
 * @param uploadOrigins    web origins (https://app.example.com) whose pages may PUT files straight to the bucket;
 *                         empty: no browser may (the bucket gets no CORS rule)
 */
public record MediaServiceProps(String environment, int logRetentionDays, Path handlerJar, int memorySizeMb,
                                boolean retainData, List<String> uploadOrigins) {
    public MediaServiceProps {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(handlerJar, "handlerJar");
        if (memorySizeMb < 512) {
            throw new IllegalArgumentException("memorySizeMb " + memorySizeMb + " is too small for a JVM; use 512 or more");
        }
        uploadOrigins = List.copyOf(uploadOrigins);
        for (String origin : uploadOrigins) {
            if (!origin.matches("https://[A-Za-z0-9.-]+(:\\d+)?")) {
                throw new IllegalArgumentException("upload origin '" + origin + "' is not an https origin such as"
                        + " https://app.example.com (no path, no wildcard)");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String environment;
        private int logRetentionDays = 30;
        private Path handlerJar;
        private int memorySizeMb = 1536;
        private boolean retainData = true;
        private List<String> uploadOrigins = List.of();

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder logRetentionDays(int logRetentionDays) {
            this.logRetentionDays = logRetentionDays;
            return this;
        }

        public Builder handlerJar(Path handlerJar) {
            this.handlerJar = handlerJar;
            return this;
        }

        public Builder memorySizeMb(int memorySizeMb) {
            this.memorySizeMb = memorySizeMb;
            return this;
        }

        public Builder retainData(boolean retainData) {
            this.retainData = retainData;
            return this;
        }

        public Builder uploadOrigins(List<String> uploadOrigins) {
            this.uploadOrigins = uploadOrigins;
            return this;
        }

        public MediaServiceProps build() {
            return new MediaServiceProps(environment, logRetentionDays, handlerJar, memorySizeMb, retainData, uploadOrigins);
        }
    }
}
