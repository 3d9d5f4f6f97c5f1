package org.credence.tree;

/**
 * One thing wrong with an input, located by its path (e.g. {@code record_types[2].legal_basis}).
 * Its text form is the line the validator prints.
 */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
