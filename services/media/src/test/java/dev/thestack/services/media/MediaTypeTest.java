package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaTypeTest {
    @Test
    void eachTypeIsToldByTheBytesItStartsWith() {
        assertThat(MediaType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0, 0, 0, 0, 0, 0, 0}))
                .isEqualTo(MediaType.JPEG);
        assertThat(MediaType.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13}))
                .isEqualTo(MediaType.PNG);
        assertThat(MediaType.detect(ascii("RIFF\u0000\u0000\u0000\u0000WEBP"))).isEqualTo(MediaType.WEBP);
        assertThat(MediaType.detect(ascii("\u0000\u0000\u0000\u0020ftypisom"))).isEqualTo(MediaType.MP4);
        assertThat(MediaType.detect(ascii("\u0000\u0000\u0000\u0014ftypqt  "))).isEqualTo(MediaType.QUICKTIME);
        assertThat(MediaType.detect(ascii("\u0000\u0000\u0000\u0008moov0000"))).isEqualTo(MediaType.QUICKTIME);
    }

    @Test
    void otherFilesAndShortOnesAreNoneOfThem() {
        assertThat(MediaType.detect(ascii("<html><body>"))).isNull();
        assertThat(MediaType.detect(ascii("GIF89a......"))).isNull();
        assertThat(MediaType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
        assertThat(MediaType.detect(new byte[0])).isNull();
        assertThat(MediaType.MP4.matchesStart(ascii("\u0000\u0000\u0000\u0014ftypqt  "))).isFalse();
    }

    @Test
    void limitsFollowTheKind() {
        assertThat(MediaType.WEBP.maxBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(MediaType.QUICKTIME.maxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(MediaType.of(" Video/MP4 ")).isEqualTo(MediaType.MP4);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
