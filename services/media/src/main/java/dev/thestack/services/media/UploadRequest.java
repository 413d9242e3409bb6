package dev.thestack.services.media;

import dev.thestack.services.graphql.InvalidInputException;
import java.text.Normalizer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client announced in requestUpload, checked: the todo's id, a file name that is safe to show and to put in
 * a download's file name, one of the {@link MediaType}s, and a size within that type's limit. The presigned PUT
 * binds the type and the size, and completeUpload checks the stored file against both.
 *
 * @param fileName NFC-normalized, without surrounding spaces
 */
public record UploadRequest(String todoId, String fileName, MediaType type, long sizeBytes) {
    public static final int MAX_FILE_NAME_LENGTH = 200;

    /** Todo ids are UUIDs (the Todo subgraph makes them); anything else names no todo. */
    private static final Pattern TODO_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Letters (with their combining marks, which some scripts need), decimal digits, space and . _ - ( ). */
    private static final Pattern FILE_NAME_REFUSED = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd} ._()\\-]");
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{Nd}]");

    /** The {@code RequestUploadInput} as graphql-java coerced it. */
    public static UploadRequest fromInput(Map<String, Object> input) {
        String todoId = todoId((String) input.get("todoId"));
        String fileName = fileName((String) input.get("fileName"));
        MediaType type = MediaType.of((String) input.get("contentType"));
        return new UploadRequest(todoId, fileName, type, size(((Number) input.get("sizeBytes")).longValue(), type));
    }

    static String todoId(String candidate) {
        if (candidate == null || !TODO_ID.matcher(candidate).matches()) {
            throw new InvalidInputException("todoId must be the id of a todo (a lower-case UUID such as"
                    + " 0b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e), not \"" + ClientText.shortened(candidate) + "\"");
        }
        return candidate;
    }

    static String fileName(String candidate) {
        String name = Normalizer.normalize(candidate == null ? "" : candidate, Normalizer.Form.NFC).strip();
        if (!LETTER_OR_DIGIT.matcher(name).find()) {
            throw new InvalidInputException("fileName must contain a letter or a digit, such as \"holiday.jpg\"");
        }
        Matcher refused = FILE_NAME_REFUSED.matcher(name);
        if (refused.find()) {
            int codePoint = name.codePointAt(refused.start());
            throw new InvalidInputException(String.format("fileName may hold only letters, digits, spaces and"
                            + " . _ - ( ), but has U+%04X at position %d", codePoint,
                    name.codePointCount(0, refused.start()) + 1));
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_FILE_NAME_LENGTH) {
            throw new InvalidInputException("fileName must be at most " + MAX_FILE_NAME_LENGTH
                    + " characters long, but has " + length);
        }
        return name;
    }

    private static long size(long sizeBytes, MediaType type) {
        if (sizeBytes < 1 || sizeBytes > type.maxBytes()) {
            throw new InvalidInputException("sizeBytes must be between 1 and " + type.maxBytes() + " ("
                    + (type.kind() == MediaKind.IMAGE ? "20 MiB for an image" : "1 GiB for a video")
                    + "), but is " + sizeBytes);
        }
        return sizeBytes;
    }
}
