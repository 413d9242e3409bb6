package dev.thestack.services.media;

/** What an attachment holds; the SDL's {@code MediaKind}. */
public enum MediaKind {
    IMAGE,
    VIDEO
}
