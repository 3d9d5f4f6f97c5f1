package org.credence.cli;

/** A failure the user can act on: printed as one line, without a stack trace, with exit code 1. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message, null, false, false);
    }
}
