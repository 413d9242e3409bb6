package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thestack.services.graphql.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadRequestTest {
    private static final String TODO_ID = "0b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e";

    @Test
    void aValidAnnouncementIsKeptWithItsNameNormalized() {
        UploadRequest request = UploadRequest.fromInput(input(TODO_ID, "  Cafe\u0301 (1).JPG ", "IMAGE/JPEG", 1234));

        assertThat(request).isEqualTo(new UploadRequest(TODO_ID, "Café (1).JPG", MediaType.JPEG, 1234));
    }

    @Test
    void anUnknownContentTypeIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a.gif", "image/gif", 10)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("contentType must be one of image/jpeg, image/png, image/webp, video/mp4, video/quicktime,"
                        + " not \"image/gif\"");
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a.jpg", "image/jpeg; charset=x", 10)))
                .hasMessageStartingWith("contentType must be one of");
    }

    @Test
    void sizesBeyondTheTypesLimitAreRefusedWithTheLimit() {
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a.png", "image/png", MediaType.MAX_IMAGE_BYTES + 1)))
                .hasMessage("sizeBytes must be between 1 and 20971520 (20 MiB for an image), but is 20971521");
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a.mp4", "video/mp4", MediaType.MAX_VIDEO_BYTES + 1)))
                .hasMessage("sizeBytes must be between 1 and 1073741824 (1 GiB for a video), but is 1073741825");
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a.mp4", "video/mp4", 0)))
                .hasMessageStartingWith("sizeBytes must be between 1 and");
        assertThat(UploadRequest.fromInput(input(TODO_ID, "a.mp4", "video/mp4", MediaType.MAX_VIDEO_BYTES)).sizeBytes())
                .isEqualTo(MediaType.MAX_VIDEO_BYTES);
    }

    @Test
    void aTodoIdThatNoTodoCanHaveIsRefused() {
        assertThatThrownBy(() -> UploadRequest.fromInput(input("todo-1", "a.png", "image/png", 10)))
                .hasMessageStartingWith("todoId must be the id of a todo (a lower-case UUID")
                .hasMessageEndingWith("not \"todo-1\"");
    }

    @Test
    void fileNamesWithPathsControlCharactersOrNoLettersAreRefused() {
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "../etc/passwd", "image/png", 10)))
                .hasMessage("fileName may hold only letters, digits, spaces and . _ - ( ), but has U+002F at position 3");
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a\u0000.png", "image/png", 10)))
                .hasMessage("fileName may hold only letters, digits, spaces and . _ - ( ), but has U+0000 at position 2");
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, " ... ", "image/png", 10)))
                .hasMessage("fileName must contain a letter or a digit, such as \"holiday.jpg\"");
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a".repeat(201), "image/png", 10)))
                .hasMessage("fileName must be at most 200 characters long, but has 201");
    }

    @Test
    void quotedClientTextIsShortenedAndHasNoControlCharacters() {
        assertThatThrownBy(() -> UploadRequest.fromInput(input(TODO_ID, "a.png", "\u001b[31m" + "x".repeat(60), 10)))
                .hasMessageEndingWith("not \"?[31m" + "x".repeat(35) + "...\"");
    }

    private static Map<String, Object> input(String todoId, String fileName, String contentType, long sizeBytes) {
        Map<String, Object> input = new HashMap<>();
        input.put("todoId", todoId);
        input.put("fileName", fileName);
        input.put("contentType", contentType);
        input.put("sizeBytes", sizeBytes);
        return input;
    }
}
