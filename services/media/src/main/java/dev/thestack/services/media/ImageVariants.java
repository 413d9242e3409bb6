package dev.thestack.services.media;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes an uploaded image and makes its resized copies: {@value #THUMBNAIL} (at most {@value #THUMBNAIL_SIDE} px
 * on the longer side) and {@value #MEDIUM} (at most {@value #MEDIUM_SIDE} px), never larger than the original,
 * in the original's format. WebP is the exception: ImageIO reads it (with the TwelveMonkeys reader) but nothing
 * here can write it, so a WebP original gets PNG copies (lossless, alpha kept) rather than none.
 *
 * <p>Bounded work for any file: the dimensions are read from the header and an image above
 * {@value #MAX_PIXELS} pixels is refused before a pixel is decoded (a small file can claim a huge image: a
 * decompression bomb), and the decoder subsamples a large image while reading it, so the decoded copy is never
 * much more than twice the medium size whatever the original's.
 */
public final class ImageVariants {
    public static final String THUMBNAIL = "thumbnail";
    public static final String MEDIUM = "medium";
    public static final int THUMBNAIL_SIDE = 128;
    public static final int MEDIUM_SIDE = 512;
    /** 100 megapixels: above the 48 to 50 MP of the largest common phone photos. */
    public static final long MAX_PIXELS = 100_000_000L;
    /** Decoded at no less than twice the largest copy's size, so the last resizing step still has pixels to average. */
    private static final int DECODE_SIDE = 2 * MEDIUM_SIDE;
    private static final float JPEG_QUALITY = 0.85f;

    /** A copy to store: its description and its bytes. */
    public record Rendered(Attachment.Variant variant, byte[] content) {
    }

    /** The copies of the image, smallest first; refused when the file is not a readable image of the type. */
    public List<Rendered> render(byte[] original, MediaType type) throws UnacceptableFileException {
        BufferedImage decoded;
        int width;
        int height;
        ImageReader reader = readerFor(type);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(original))) {
            reader.setInput(input, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            if ((long) width * height > MAX_PIXELS) {
                throw new UnacceptableFileException("the image is " + width + " x " + height + " pixels, more than the "
                        + MAX_PIXELS / 1_000_000 + " megapixels accepted");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int subsampling = Math.max(1, Math.max(width, height) / DECODE_SIDE);
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            decoded = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            // decoders throw unchecked exceptions of every kind on damaged data; none of it is the service's fault
            throw new UnacceptableFileException("the file cannot be decoded as " + type.contentType()
                    + " (damaged, or not an image of that type)");
        } finally {
            reader.dispose();
        }
        String outputType = type == MediaType.WEBP ? MediaType.PNG.contentType() : type.contentType();
        List<Rendered> copies = new ArrayList<>();
        BufferedImage source = decoded;
        // the thumbnail is made from the medium copy: fewer pixels to average, and the same look
        for (int side : new int[] {MEDIUM_SIDE, THUMBNAIL_SIDE}) {
            double scale = Math.min(1.0, (double) side / Math.max(width, height));
            int targetWidth = Math.max(1, (int) Math.round(width * scale));
            int targetHeight = Math.max(1, (int) Math.round(height * scale));
            source = resize(source, targetWidth, targetHeight);
            copies.add(0, new Rendered(
                    new Attachment.Variant(side == MEDIUM_SIDE ? MEDIUM : THUMBNAIL, targetWidth, targetHeight, outputType),
                    encode(source, outputType)));
        }
        return List.copyOf(copies);
    }

    private static ImageReader readerFor(MediaType type) {
        if (type == MediaType.WEBP) {
            // made directly rather than found through ImageIO's registry, which depends on the class loader
            // that first touched ImageIO
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.contentType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + type.contentType());
        }
        return readers.next();
    }

    /** Halves with bilinear filtering until one more step reaches the size: close to averaging every pixel. */
    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == width && current.getHeight() == height && current != image
                ? current
                : draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage target = new BufferedImage(width, height,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage image, String contentType) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(contentType).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (contentType.equals(MediaType.JPEG.contentType())) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + contentType + " variant", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
