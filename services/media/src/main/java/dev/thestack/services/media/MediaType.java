package dev.thestack.services.media;

import dev.thestack.services.graphql.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The content types an attachment may have, with the largest file of each and the bytes a file of that type
 * starts with. Only the start is checked here; an image is decoded as well before it is accepted.
 */
public enum MediaType {
    JPEG("image/jpeg", MediaKind.IMAGE),
    PNG("image/png", MediaKind.IMAGE),
    WEBP("image/webp", MediaKind.IMAGE),
    MP4("video/mp4", MediaKind.VIDEO),
    QUICKTIME("video/quicktime", MediaKind.VIDEO);

    public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    public static final long MAX_VIDEO_BYTES = 1024L * 1024 * 1024;
    /** Enough of a file to tell its type: the longest signature checked (RIFF size WEBP, or an ISO box header). */
    public static final int SIGNATURE_BYTES = 12;

    private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String QUICKTIME_BRAND = "qt  ";
    /** The top-level atoms a QuickTime file from before the ftyp atom may begin with. */
    private static final Set<String> CLASSIC_QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");

    private final String contentType;
    private final MediaKind kind;

    MediaType(String contentType, MediaKind kind) {
        this.contentType = contentType;
        this.kind = kind;
    }

    public String contentType() {
        return contentType;
    }

    public MediaKind kind() {
        return kind;
    }

    public long maxBytes() {
        return kind == MediaKind.IMAGE ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES;
    }

    /** The type a client announced; content types are case-insensitive, parameters are not accepted. */
    public static MediaType of(String contentType) {
        String wanted = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(type -> type.contentType.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("contentType must be one of " + allowed()
                        + ", not \"" + ClientText.shortened(contentType) + "\""));
    }

    public static String allowed() {
        return Arrays.stream(values()).map(MediaType::contentType).collect(Collectors.joining(", "));
    }

    /** Whether a file starting with these bytes (at least {@value #SIGNATURE_BYTES} of them, if it has them) is of this type. */
    public boolean matchesStart(byte[] start) {
        return switch (this) {
            case JPEG -> startsWith(start, JPEG_START);
            case PNG -> startsWith(start, PNG_START);
            case WEBP -> ascii(start, 0, 4).equals("RIFF") && ascii(start, 8, 4).equals("WEBP");
            // ISO base media: a box of 4 bytes size and 4 bytes type, the file type box first with its brand
            case MP4 -> ascii(start, 4, 4).equals("ftyp") && !ascii(start, 8, 4).equals(QUICKTIME_BRAND)
                    && ascii(start, 8, 4).length() == 4;
            case QUICKTIME -> ascii(start, 4, 4).equals("ftyp")
                    ? ascii(start, 8, 4).equals(QUICKTIME_BRAND)
                    : CLASSIC_QUICKTIME_ATOMS.contains(ascii(start, 4, 4));
        };
    }

    /** The type whose signature the file has, to name in a refusal; null when it is none of these. */
    public static MediaType detect(byte[] start) {
        return Arrays.stream(values()).filter(type -> type.matchesStart(start)).findFirst().orElse(null);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The bytes as ISO-8859-1 text, or "" when the file is shorter. */
    private static String ascii(byte[] bytes, int from, int length) {
        return bytes.length < from + length ? "" : new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
}
