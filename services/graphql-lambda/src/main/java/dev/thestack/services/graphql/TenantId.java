package dev.thestack.services.graphql;

import java.util.regex.Pattern;

/**
 * The tenant a request acts for; it partitions the table, so no tenant ever reads another's todos. It comes only
 * from the {@value #HEADER} header (which the authorizer in front of the function is to set from the caller's
 * token): a request without one is refused rather than given a tenant the client did not name.
 */
public record TenantId(String value) {
    public static final String HEADER = "x-tenant-id";
    // also goes into log keys and X-Ray annotations, so keep it to plain characters
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new RejectedRequestException("Header " + HEADER
                    + " must be 1 to 128 letters, digits or the characters . _ : @ -");
        }
    }

    /** The tenant named by the {@value #HEADER} header, whatever the case of its name. */
    public static TenantId fromHeaders(RequestHeaders headers) {
        String value = headers.value(HEADER)
                .orElseThrow(() -> new RejectedRequestException("Header " + HEADER + " is required; it names the tenant"));
        if (value.isEmpty()) {
            throw new RejectedRequestException("Header " + HEADER + " is blank; it must name the tenant");
        }
        return new TenantId(value);
    }
}
