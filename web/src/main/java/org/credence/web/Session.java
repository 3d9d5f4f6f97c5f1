package org.credence.web;

import java.time.Instant;
import java.util.Optional;
import org.credence.store.ApiKey;

/**
 * One browser's session: who signed in with it (nobody yet, for a visitor about to sign in), the
 * token its forms must echo, and a message to show once after a redirect.
 */
final class Session {

    final String id;
    final String csrf;
    final Optional<ApiKey> client;
    final Instant started;
    volatile Instant lastSeen;
    private volatile String flash;

    Session(String id, String csrf, Optional<ApiKey> client, Instant started) {
        this.id = id;
        this.csrf = csrf;
        this.client = client;
        this.started = started;
        this.lastSeen = started;
    }

    void flash(String message) {
        this.flash = message;
    }

    /** The message left for the next page, once. */
    Optional<String> takeFlash() {
        String message = flash;
        flash = null;
        return Optional.ofNullable(message);
    }
}
