package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thestack.services.graphql.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a client announces, requestUpload's checks either accept a safe request or refuse naming the field. */
class UploadRequestFuzzTest {
    @Property(tries = 2000)
    void anyAnnouncementIsAcceptedSafelyOrRefusedNamingTheField(@ForAll("todoIds") String todoId,
                                                               @ForAll("fileNames") String fileName,
                                                               @ForAll("contentTypes") String contentType,
                                                               @ForAll("sizes") long sizeBytes) {
        Map<String, Object> input = new HashMap<>();
        input.put("todoId", todoId);
        input.put("fileName", fileName);
        input.put("contentType", contentType);
        input.put("sizeBytes", sizeBytes);
        try {
            UploadRequest request = UploadRequest.fromInput(input);
            assertThat(request.fileName()).doesNotContain("/", "\\", "\u0000", "\n").isNotBlank();
            assertThat(request.fileName().codePointCount(0, request.fileName().length()))
                    .isLessThanOrEqualTo(UploadRequest.MAX_FILE_NAME_LENGTH);
            assertThat(request.sizeBytes()).isBetween(1L, request.type().maxBytes());
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).matches("(todoId|fileName|contentType|sizeBytes) .*")
                    .doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
        }
    }

    @Provide
    Arbitrary<String> todoIds() {
        return Arbitraries.oneOf(Arbitraries.just("0b7e4c8a-5d8f-4c1e-9a53-2f4a6b8d1c3e"),
                Arbitraries.strings().ofMaxLength(50), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> fileNames() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(250),
                Arbitraries.strings().withChars("ab.-_ ()/\\é\u0301\u0000\n\u202e").ofMaxLength(30),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("image/jpeg", "IMAGE/PNG", " image/webp ", "video/mp4",
                        "video/quicktime", "image/gif", "text/html", "image/png; x=1", ""),
                Arbitraries.strings().ofMaxLength(80), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, 1L, MediaType.MAX_IMAGE_BYTES, MediaType.MAX_IMAGE_BYTES + 1,
                        MediaType.MAX_VIDEO_BYTES, MediaType.MAX_VIDEO_BYTES + 1));
    }
}
