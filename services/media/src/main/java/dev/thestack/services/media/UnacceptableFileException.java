package dev.thestack.services.media;

/**
 * The uploaded file is not what was announced, or not a usable image or video. The message is the reason, stored
 * with the FAILED attachment and told to the client, so it must name what is wrong with the file.
 */
public final class UnacceptableFileException extends Exception {
    public UnacceptableFileException(String reason) {
        // the client's file, not the service's fault: a stack trace would only cost time
        super(reason, null, false, false);
    }
}
