package dev.thestack.services.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TodoTest {
    @Test
    void titleIsStrippedOfSurroundingWhitespace() {
        assertThat(Todo.validTitle("\t Water the plants \n")).isEqualTo("Water the plants");
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
}
