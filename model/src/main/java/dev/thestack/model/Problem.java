package dev.thestack.model;

/**
 * One thing wrong with a stack.yaml.
 *
 * @param path    where: a key path such as {@code accounts[3].email}
 * @param message what is wrong
 * @param hint    how to fix it
 */
public record Problem(String path, String message, String hint) {
    @Override
    public String toString() {
        return path + ": " + message + (hint == null || hint.isBlank() ? "" : " (fix: " + hint + ")");
    }
}
