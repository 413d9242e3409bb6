package dev.thestack.services.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageVariantsTest {
    private final ImageVariants variants = new ImageVariants();

    @Test
    void aLandscapeJpegGetsAThumbnailAndAMediumCopyKeepingItsAspectRatio() throws Exception {
        List<ImageVariants.Rendered> copies = variants.render(image(2000, 1000, "jpeg"), MediaType.JPEG);

        assertThat(copies).extracting(ImageVariants.Rendered::variant).containsExactly(
                new Attachment.Variant("thumbnail", 128, 64, "image/jpeg"),
                new Attachment.Variant("medium", 512, 256, "image/jpeg"));
        BufferedImage medium = ImageIO.read(new ByteArrayInputStream(copies.get(1).content()));
        assertThat(medium.getWidth()).isEqualTo(512);
        assertThat(medium.getHeight()).isEqualTo(256);
        // the picture survives resizing: the left half is red, the right half blue
        assertThat(new Color(medium.getRGB(100, 128)).getRed()).isGreaterThan(200);
        assertThat(new Color(medium.getRGB(400, 128)).getBlue()).isGreaterThan(200);
    }

    @Test
    void aSmallImageIsNeverEnlarged() throws Exception {
        List<ImageVariants.Rendered> copies = variants.render(image(100, 300, "png"), MediaType.PNG);

        assertThat(copies).extracting(ImageVariants.Rendered::variant).containsExactly(
                new Attachment.Variant("thumbnail", 43, 128, "image/png"),
                new Attachment.Variant("medium", 100, 300, "image/png"));
        assertThat(ImageIO.read(new ByteArrayInputStream(copies.get(0).content())).getHeight()).isEqualTo(128);
    }

    @Test
    void bytesThatAreNotAnImageOfTheTypeAreRefused() throws IOException {
        assertThatThrownBy(() -> variants.render("not an image".getBytes(), MediaType.PNG))
                .isInstanceOf(UnacceptableFileException.class)
                .hasMessage("the file cannot be decoded as image/png (damaged, or not an image of that type)");
        byte[] png = image(10, 10, "png");
        assertThatThrownBy(() -> variants.render(java.util.Arrays.copyOf(png, png.length / 2), MediaType.PNG))
                .isInstanceOf(UnacceptableFileException.class);
    }

    @Test
    void anImageClaimingMoreThanTheMostPixelsIsRefusedBeforeDecoding() throws IOException {
        // a valid PNG header claiming 20000 x 20000 pixels, with no pixel data after it
        byte[] header = image(1, 1, "png");
        java.nio.ByteBuffer.wrap(header, 16, 8).putInt(20_000).putInt(20_000);

        assertThatThrownBy(() -> variants.render(header, MediaType.PNG))
                .isInstanceOf(UnacceptableFileException.class)
                .hasMessage("the image is 20000 x 20000 pixels, more than the 100 megapixels accepted");
    }

    static byte[] image(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, format, bytes);
        return bytes.toByteArray();
    }
}
