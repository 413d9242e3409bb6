package dev.thestack.services.media;

/**
 * Where an attachment is in its life; the SDL's {@code AttachmentStatus}. Only {@link #AWAITING_UPLOAD} moves on
 * (by completeUpload); the others are final here (a transcode's end is a later issue: MediaConvert's events).
 */
public enum AttachmentStatus {
    AWAITING_UPLOAD,
    PROCESSING,
    READY,
    FAILED
}
