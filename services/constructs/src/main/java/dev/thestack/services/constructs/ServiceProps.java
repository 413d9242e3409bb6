package dev.thestack.services.constructs;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How one service of a workload account is deployed; every service construct (Todo, Media, router) takes these.
 *
 * @param environment      the environment the service runs (prod, integration, dev): a metric dimension and a tag
 * @param logRetentionDays retention of the function's log group
 * @param handlerJar       the shaded Lambda jar its module builds (services/&lt;service&gt;/target/&lt;service&gt;-lambda.jar)
 * @param memorySizeMb     Lambda memory (CPU grows with it; a JVM wants 512 or more); empty: the service's own
 *                         default, which its construct documents
 * @param retainData       keep the service's data (tables, buckets, logs) when the stack is deleted: production data
 */
public record ServiceProps(String environment, int logRetentionDays, Path handlerJar, OptionalInt memorySizeMb,
                           boolean retainData) {
    public ServiceProps {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(handlerJar, "handlerJar");
        Objects.requireNonNull(memorySizeMb, "memorySizeMb");
        memorySizeMb.ifPresent(mb -> {
            if (mb < 512) {
                throw new IllegalArgumentException("memorySizeMb " + mb + " is too small for a JVM; use 512 or more");
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String environment;
        private int logRetentionDays = 30;
        private Path handlerJar;
        private OptionalInt memorySizeMb = OptionalInt.empty();
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
            this.memorySizeMb = OptionalInt.of(memorySizeMb);
            return this;
        }

        public Builder retainData(boolean retainData) {
            this.retainData = retainData;
            return this;
        }

        public ServiceProps build() {
            return new ServiceProps(environment, logRetentionDays, handlerJar, memorySizeMb, retainData);
        }
    }
}
