package org.credence.store;

/**
 * The store could not do what was asked: the database failed, not the caller. Refusals that are the
 * caller's business (a changed catalog text, a key name in use) are {@link IllegalStateException}s
 * instead, so that the two are never confused.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
