package org.credence.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.credence.api.Clients;
import org.credence.store.ApiKey;

/**
 * Signing in with an API key: a subject key opens the subject's portal, an operator key the console.
 * The key is checked once and never kept; the session remembers only which client it belongs to.
 */
public final class SignIn {

    private final Pages pages;
    private final Clients clients;

    SignIn(Pages pages, Clients clients) {
        this.pages = pages;
        this.clients = clients;
    }

    /** The form, with the problem next to the field when there is one. */
    public record Form(Optional<String> keyError) {
    }

    void form(Context ctx) {
        pages.render(ctx, "sign-in.jte", pages.pageWithForms(ctx), new Form(Optional.empty()));
    }

    void submit(Context ctx) {
        String key = Optional.ofNullable(ctx.formParam("key")).map(String::strip).orElse("");
        Page page = pages.pageWithForms(ctx);
        if (key.isEmpty()) {
            pages.render(ctx, 400, "sign-in.jte", page, new Form(Optional.of(page.t("sign_in.error.empty"))));
            return;
        }
        Optional<ApiKey> client = clients.recognise(key);
        if (client.isEmpty()) {
            pages.render(ctx, 401, "sign-in.jte", page, new Form(Optional.of(page.t("sign_in.error.unknown"))));
            return;
        }
        String home = switch (client.get().role()) {
            case SUBJECT -> "/me";
            case OPERATOR -> "/console";
            default -> null;
        };
        if (home == null) {
            pages.render(ctx, 403, "sign-in.jte", page, new Form(Optional.of(page.t("sign_in.error.role",
                    client.get().role().code()))));
            return;
        }
        Session session = pages.sessions.signIn(ctx, client.get());
        Pages.redirect(ctx, session, home, page.t("sign_in.welcome", client.get().name()));
    }

    void signOut(Context ctx) {
        pages.sessions.signOut(ctx);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
