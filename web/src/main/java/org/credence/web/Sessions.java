package org.credence.web;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;
import org.credence.store.ApiKey;

/**
 * Server-side sessions in memory, keyed by a random id that is the only thing the browser holds.
 * The cookie is HttpOnly (no script reads it) and SameSite=Strict (no other site's page can make the
 * browser send it); Secure when the request came over HTTPS. Signing in issues a new id, so an id
 * planted before sign-in is worth nothing after it. Sessions end after {@link #IDLE} without use or
 * {@link #LIFETIME} in all; a restart ends them all, which only means signing in again.
 */
final class Sessions {

    static final String COOKIE = "credence_session";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** The live session the request's cookie names, if any. */
    Optional<Session> current(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(session.lastSeen.plus(IDLE)) || now.isAfter(session.started.plus(LIFETIME))) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    /** The current session, or a new anonymous one, so that a form can carry a token before sign-in. */
    Session currentOrAnonymous(Context ctx) {
        return current(ctx).orElseGet(() -> start(ctx, Optional.empty()));
    }

    /** Replaces whatever session the browser had with a new one for {@code client}. */
    Session signIn(Context ctx, ApiKey client) {
        current(ctx).ifPresent(old -> sessions.remove(old.id));
        return start(ctx, Optional.of(client));
    }

    void signOut(Context ctx) {
        current(ctx).ifPresent(old -> sessions.remove(old.id));
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + secure(ctx));
    }

    /** Whether {@code token} is the session's form token, compared in constant time. */
    static boolean tokenMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrf.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private Session start(Context ctx, Optional<ApiKey> client) {
        prune();
        Session session = new Session(random(), random(), client, clock.instant());
        sessions.put(session.id, session);
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + session.id + "; Path=/; HttpOnly; SameSite=Strict" + secure(ctx));
        return session;
    }

    private static String secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
    }

    /** Drops expired sessions, so that visitors who never come back do not accumulate. */
    private void prune() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastSeen.plus(IDLE)) || now.isAfter(s.started.plus(LIFETIME)));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
