package org.credence.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.OptionalLong;
import org.credence.store.Role;

/**
 * Every form that changes something is posted with the session's token, and is refused without it:
 * another site can make a browser post to these routes, but cannot read the token to put in the form.
 */
final class Forms {

    static final String TOKEN = "csrf";
    static final int MAX_TEXT = 4000;

    private Forms() {
    }

    /** A handler for a form posted by a signed-in key of {@code role}. */
    @FunctionalInterface
    interface SessionHandler {
        void handle(Context ctx, Session session) throws Exception;
    }

    static Handler posted(Pages pages, Optional<Role> role, SessionHandler handler) {
        return ctx -> {
            Optional<Session> session = pages.sessions.current(ctx);
            if (session.isEmpty() || !Sessions.tokenMatches(session.get(), ctx.formParam(TOKEN))) {
                Page page = pages.page(ctx);
                pages.render(ctx, 403, "problem.jte", page, page.t("problem.form_expired"));
                return;
            }
            if (role.isPresent() && session.get().client.filter(c -> c.role() == role.get()).isEmpty()) {
                ctx.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            handler.handle(ctx, session.get());
        };
    }

    static String text(Context ctx, String field) {
        return Optional.ofNullable(ctx.formParam(field)).map(String::strip).orElse("");
    }

    static OptionalLong number(Context ctx, String field) {
        try {
            return OptionalLong.of(Long.parseLong(text(ctx, field)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
