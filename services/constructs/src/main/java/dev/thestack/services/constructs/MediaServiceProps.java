package dev.thestack.services.constructs;

import java.util.List;
import java.util.Objects;

/**
 * @param service       how the service is deployed in its account
 * @param uploadOrigins web origins (https://app.example.com) whose pages may PUT files straight to the bucket;
 *                      empty: no browser may (the bucket gets no CORS rule)
 */
public record MediaServiceProps(ServiceProps service, List<String> uploadOrigins) {
    public MediaServiceProps {
        Objects.requireNonNull(service, "service");
        uploadOrigins = List.copyOf(uploadOrigins);
        for (String origin : uploadOrigins) {
            if (!origin.matches("https://[A-Za-z0-9.-]+(:\\d+)?")) {
                throw new IllegalArgumentException("upload origin '" + origin + "' is not an https origin such as"
                        + " https://app.example.com (no path, no wildcard)");
            }
        }
    }

    /** No browser uploads: clients that are not web pages (apps, servers) need no CORS rule. */
    public static MediaServiceProps of(ServiceProps service) {
        return new MediaServiceProps(service, List.of());
    }
}
