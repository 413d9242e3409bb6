package dev.thestack.services.todo;

import dev.thestack.services.graphql.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A todo as the GraphQL schema exposes it; graphql-java reads the record's accessors as the type's fields.
 *
 * @param createdAt ISO-8601 instant in UTC with millisecond precision
 * @param ownerId   the user who created it (Todo.owner resolves it to the User entity)
 */
public record Todo(String id, String title, boolean done, String createdAt, String ownerId) {
    public static final int MAX_TITLE_LENGTH = 500;

    /** Unicode's White_Space, which {@link String#strip()} does not all take (no-break spaces, for one). */
    private static final Pattern SURROUNDING_WHITESPACE =
            Pattern.compile("^\\p{IsWhite_Space}+|\\p{IsWhite_Space}+$");
    /**
     * What shows nothing on its own: whitespace of every kind, format characters (zero-width space and joiners,
     * word joiner, byte order mark, soft hyphen, bidi marks), and the rest of Unicode's default-ignorable
     * characters that are not format characters (combining grapheme joiner, Hangul fillers, variation
     * selectors), plus the blank Braille pattern. A title of only these would show as an empty line.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{IsWhite_Space}\\p{Cf}"
            + "\\x{034F}\\x{115F}\\x{1160}\\x{17B4}\\x{17B5}\\x{180B}-\\x{180F}\\x{2800}\\x{3164}\\x{FE00}-\\x{FE0F}"
            + "\\x{FFA0}\\x{E0100}-\\x{E01EF}]*");
    /** C0 and C1 controls and DEL: they are not text, and terminals and log viewers act on some of them (ESC). */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    /**
     * Half of a UTF-16 pair without its other half, which JSON's escapes can express: it is no character, has no
     * UTF-8 form for the table to store, and in a query literal graphql-java refuses it too.
     */
    private static final Pattern UNPAIRED_SURROGATE = Pattern.compile("\\p{Cs}");

    /**
     * The title to store for what a client sent: stripped of surrounding whitespace, refused when blank (nothing
     * visible), when it contains control characters (a tab or line break inside it too) or broken UTF-16, or when
     * too long. Length counts characters as people see them (code points), so an emoji counts once.
     */
    public static String validTitle(String candidate) {
        String title = candidate == null ? "" : SURROUNDING_WHITESPACE.matcher(candidate).replaceAll("");
        if (INVISIBLE.matcher(title).matches()) {
            throw new InvalidInputException("title must not be blank");
        }
        refuseAny(CONTROL, title, "control characters");
        refuseAny(UNPAIRED_SURROGATE, title, "unpaired UTF-16 surrogates");
        int length = title.codePointCount(0, title.length());
        if (length > MAX_TITLE_LENGTH) {
            throw new InvalidInputException(
                    "title must be at most " + MAX_TITLE_LENGTH + " characters long, but has " + length);
        }
        return title;
    }

    private static void refuseAny(Pattern refused, String title, String what) {
        Matcher found = refused.matcher(title);
        if (found.find()) {
            throw new InvalidInputException(String.format("title must not contain %s, but has U+%04X at position %d",
                    what, (int) title.charAt(found.start()), title.codePointCount(0, found.start()) + 1));
        }
    }
}
