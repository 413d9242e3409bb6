package dev.thestack.services.media;

import java.util.List;
import java.util.Objects;

/**
 * An attachment as stored: what was announced, who uploaded it for which todo, and how far it got.
 *
 * @param sizeBytes     the size announced by requestUpload (the stored file was checked to have it once the
 *                      status is past {@link AttachmentStatus#AWAITING_UPLOAD})
 * @param createdAt     ISO-8601 instant in UTC with millisecond precision
 * @param variants      resized copies of a READY image, smallest first; empty otherwise
 * @param transcode     the MediaConvert job of a video once the upload is complete, null before and for images
 * @param failureReason why the file was refused, for a FAILED attachment; null otherwise
 */
public record Attachment(String id, String todoId, String fileName, MediaType type, AttachmentStatus status,
                         long sizeBytes, String uploadedBy, String createdAt, List<Variant> variants,
                         Transcode transcode, String failureReason) {
    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        variants = List.copyOf(variants);
    }

    /** A new attachment whose file has not been uploaded yet. */
    public static Attachment awaitingUpload(String id, UploadRequest request, String uploadedBy, String createdAt) {
        return new Attachment(id, request.todoId(), request.fileName(), request.type(),
                AttachmentStatus.AWAITING_UPLOAD, request.sizeBytes(), uploadedBy, createdAt, List.of(), null, null);
    }

    public Attachment ready(List<Variant> made) {
        return new Attachment(id, todoId, fileName, type, AttachmentStatus.READY, sizeBytes, uploadedBy, createdAt,
                made, null, null);
    }

    public Attachment processing(Transcode job) {
        return new Attachment(id, todoId, fileName, type, AttachmentStatus.PROCESSING, sizeBytes, uploadedBy,
                createdAt, List.of(), job, null);
    }

    public Attachment failed(String reason) {
        return new Attachment(id, todoId, fileName, type, AttachmentStatus.FAILED, sizeBytes, uploadedBy, createdAt,
                List.of(), null, reason);
    }

    /**
     * A resized copy of an image, stored next to the original.
     *
     * @param name        {@code thumbnail} or {@code medium}
     * @param contentType the copy's own type: the original's, except PNG for a WebP original
     */
    public record Variant(String name, int width, int height, String contentType) {
    }

    /**
     * A MediaConvert job.
     *
     * @param status as MediaConvert reported it (SUBMITTED, PROGRESSING, COMPLETE, CANCELED, ERROR)
     */
    public record Transcode(String jobId, String status) {
    }
}
