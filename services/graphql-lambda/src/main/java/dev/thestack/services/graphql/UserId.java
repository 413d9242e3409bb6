package dev.thestack.services.graphql;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user a request acts as, within its {@link TenantId tenant}. It comes only from the {@value #HEADER} header,
 * which the authorizer in front of the API sets from the caller's token, never from the GraphQL document, so a
 * client cannot act as another user by naming one.
 */
public record UserId(String value) {
    public static final String HEADER = "x-user-id";
    // also goes into log keys, X-Ray annotations and table keys, so keep it to plain characters
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    public UserId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new RejectedRequestException("Header " + HEADER
                    + " must be 1 to 128 letters, digits or the characters . _ : @ -");
        }
    }

    /** The user named by the {@value #HEADER} header, whatever the case of its name; refused when absent. */
    public static UserId fromHeaders(RequestHeaders headers) {
        return optionalFromHeaders(headers)
                .orElseThrow(() -> new RejectedRequestException("Header " + HEADER + " is required; it names the user"));
    }

    /**
     * The user, for services where only some operations need one: empty when the header is absent, refused
     * when it is present but blank or malformed (a broken authorizer must not pass for an anonymous call).
     */
    public static Optional<UserId> optionalFromHeaders(RequestHeaders headers) {
        Optional<String> value = headers.value(HEADER);
        if (value.isPresent() && value.get().isEmpty()) {
            throw new RejectedRequestException("Header " + HEADER + " is blank; it must name the user");
        }
        return value.map(UserId::new);
    }
}
