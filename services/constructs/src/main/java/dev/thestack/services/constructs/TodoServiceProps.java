package dev.thestack.services.constructs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * @param environment      the environment the service runs (prod, integration, dev): a metric dimension and a tag
 * @param logRetentionDays retention of the function's log group
 * @param handlerJar       the shaded Lambda jar built by services/todo
 * @param memorySizeMb     Lambda memory; CPU grows with it, and the JVM wants at least 512
 * @param retainData       keep the table when the stack is deleted (production data)
 */
public record TodoServiceProps(String environment, int logRetentionDays, Path handlerJar, int memorySizeMb,
                               boolean retainData) {
    public TodoServiceProps {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(handlerJar, "handlerJar");
        if (memorySizeMb < 512) {
            throw new IllegalArgumentException("memorySizeMb " + memorySizeMb + " is too small for a JVM; use 512 or more");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String environment;
        private int logRetentionDays = 30;
        private Path handlerJar;
        private int memorySizeMb = 1024;
        private boolean retainData = true;

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

        public TodoServiceProps build() {
            return new TodoServiceProps(environment, logRetentionDays, handlerJar, memorySizeMb, retainData);
        }
    }
}
