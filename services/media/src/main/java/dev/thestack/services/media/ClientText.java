package dev.thestack.services.media;

/**
 * Quoting what a client sent inside an error message: short, and without characters a terminal or a log viewer
 * would act on (controls, line and paragraph separators, and invisible format characters such as a right-to-left
 * override, which would make the message read other than it is).
 */
final class ClientText {
    private static final int MAX_QUOTED = 40;

    private ClientText() {
    }

    static String shortened(String text) {
        if (text == null) {
            return "";
        }
        String visible = text.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
        return visible.codePointCount(0, visible.length()) <= MAX_QUOTED
                ? visible
                : visible.substring(0, visible.offsetByCodePoints(0, MAX_QUOTED)) + "...";
    }
}
