package org.credence.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.credence.store.ApiKey;
import org.credence.store.Role;

/** What every handler needs to answer with a page: the session, the language, the renderer. */
final class Pages {

    final Sessions sessions;
    private final Render render;
    private final Clock clock;

    Pages(Sessions sessions, Render render, Clock clock) {
        this.sessions = sessions;
        this.render = render;
        this.clock = clock;
    }

    Page page(Context ctx) {
        return new Page(ctx, Language.of(ctx), sessions.current(ctx), today());
    }

    /** A page whose forms need a token even before sign-in. */
    Page pageWithForms(Context ctx) {
        return new Page(ctx, Language.of(ctx), Optional.of(sessions.currentOrAnonymous(ctx)), today());
    }

    void render(Context ctx, int status, String template, Page page, Object model) {
        render.page(ctx, status, template, page, model);
    }

    void render(Context ctx, String template, Page page, Object model) {
        render(ctx, 200, template, page, model);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    Clock clock() {
        return clock;
    }

    /** The key signed in on this browser, when it has {@code role}. */
    Optional<Session> signedIn(Context ctx, Role role) {
        return sessions.current(ctx).filter(s -> s.client.map(ApiKey::role).filter(r -> r == role).isPresent());
    }

    /** Leaves {@code message} for the next page and sends the browser there (post, redirect, get). */
    static void redirect(Context ctx, Session session, String to, String message) {
        session.flash(message);
        ctx.redirect(to, io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
