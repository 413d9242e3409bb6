package dev.thestack.services.todo;

import java.util.Map;
import java.util.regex.Pattern;

/** The tenant a request acts for; it partitions the table, so no tenant ever reads another's todos. */
public record TenantId(String value) {
    public static final String HEADER = "x-tenant-id";
    // also goes into log keys and X-Ray annotations, so keep it to plain characters; declared before DEFAULT,
    // which the constructor checks against it
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new BadRequestException("Header " + HEADER
                    + " must be 1 to 128 letters, digits or the characters . _ : @ -");
        }
    }

    /** The tenant named by the x-tenant-id header, whatever its case; {@link #DEFAULT} when there is none. */
    public static TenantId fromHeaders(Map<String, String> headers) {
        if (headers == null) {
            return DEFAULT;
        }
        return headers.entrySet().stream()
                .filter(header -> HEADER.equalsIgnoreCase(header.getKey()))
                .map(Map.Entry::getValue)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .map(value -> new TenantId(value.strip()))
                .orElse(DEFAULT);
    }
}
