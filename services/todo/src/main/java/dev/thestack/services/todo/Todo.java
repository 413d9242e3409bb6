package dev.thestack.services.todo;

/**
 * A todo as the GraphQL schema exposes it; graphql-java reads the record's accessors as the type's fields.
 *
 * @param createdAt ISO-8601 instant in UTC with millisecond precision
 */
public record Todo(String id, String title, boolean done, String createdAt) {
    public static final int MAX_TITLE_LENGTH = 500;

    /**
     * The title to store for what a client sent: stripped of surrounding whitespace, refused when blank or
     * too long. Length counts characters as people see them (code points), so an emoji counts once.
     */
    public static String validTitle(String candidate) {
        String title = candidate == null ? "" : candidate.strip();
        if (title.isEmpty()) {
            throw new InvalidInputException("title must not be blank");
        }
        int length = title.codePointCount(0, title.length());
        if (length > MAX_TITLE_LENGTH) {
            throw new InvalidInputException(
                    "title must be at most " + MAX_TITLE_LENGTH + " characters long, but has " + length);
        }
        return title;
    }
}
