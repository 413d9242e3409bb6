package dev.thestack.services.todo;

import dev.thestack.services.graphql.InvalidInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TodoTest {
    @Test
    void titleIsStrippedOfSurroundingWhitespace() {
        assertThat(Todo.validTitle("\t Water the plants \n")).isEqualTo("Water the plants");
        assertThat(Todo.validTitle("\u00a0\u3000Water the plants\u2003")).isEqualTo("Water the plants");
    }

    @Test
    void titleOfFiveHundredCharactersIsAcceptedAndOneMoreIsNot() {
        assertThat(Todo.validTitle("a".repeat(500))).hasSize(500);
        assertThatThrownBy(() -> Todo.validTitle("a".repeat(501)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("title must be at most 500 characters long, but has 501");
    }

    @Test
    void titleLengthCountsCharactersNotUtf16Units() {
        String fiveHundredEmoji = "\uD83D\uDE00".repeat(500);

        assertThat(Todo.validTitle(fiveHundredEmoji)).isEqualTo(fiveHundredEmoji);
    }

    @Test
    void blankOrMissingTitleIsRefused() {
        assertThatThrownBy(() -> Todo.validTitle(" \t ")).hasMessage("title must not be blank");
        assertThatThrownBy(() -> Todo.validTitle(null)).hasMessage("title must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u200b", "\u200b\u200c\u200d", "\u2060\ufeff", "\u00ad", // zero-width space, joiners, word joiner, BOM, soft hyphen
            "\u00a0", "\u2007\u202f", "\u3000", "\u1680", "\u2028\u2029", // no-break, figure, ideographic, ogham, separators
            "\u200e\u200f\u202a", "\u034f", "\u3164", "\uffa0", "\u2800", "\ufe0f", // bidi marks, CGJ, fillers, braille, VS16
            " \u200b \u00a0 \u2060 ",
    })
    void titleOfOnlyInvisibleCharactersIsBlank(String title) {
        assertThatThrownBy(() -> Todo.validTitle(title))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("title must not be blank");
    }

    @Test
    void invisibleCharactersBesideVisibleOnesAreKept() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // joined by zero-width joiners
        String heart = "\u2764\ufe0f"; // with its emoji variation selector

        assertThat(Todo.validTitle(family)).isEqualTo(family);
        assertThat(Todo.validTitle(" " + heart + " ")).isEqualTo(heart);
        assertThat(Todo.validTitle("\u200bBuy milk")).isEqualTo("\u200bBuy milk");
    }

    @Test
    void titleWithControlCharactersIsRefused() {
        assertRefusedFor("Buy\u0000milk", "U+0000 at position 4");
        assertRefusedFor("\u001b[31mred", "U+001B at position 1");
        assertRefusedFor("tab\tinside", "U+0009 at position 4");
        assertRefusedFor("line\nbreak", "U+000A at position 5");
        assertRefusedFor("del\u007f", "U+007F at position 4");
        assertRefusedFor("c1\u0085control", "U+0085 at position 3");
        // positions count characters, as the length does
        assertRefusedFor("\uD83D\uDE00\u009b", "U+009B at position 2");
    }

    @Test
    void titleWithHalfASurrogatePairIsRefused() {
        assertThatThrownBy(() -> Todo.validTitle("a\uD800b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("title must not contain unpaired UTF-16 surrogates, but has U+D800 at position 2");
        assertThatThrownBy(() -> Todo.validTitle("\uD83D\uDE00\uDE00"))
                .hasMessage("title must not contain unpaired UTF-16 surrogates, but has U+DE00 at position 2");
    }

    private static void assertRefusedFor(String title, String found) {
        assertThatThrownBy(() -> Todo.validTitle(title))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("title must not contain control characters, but has " + found);
    }
}
