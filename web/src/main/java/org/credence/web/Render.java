package org.credence.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders a page from its precompiled template. Templates escape every value they print according
 * to where it lands (element text, attribute, URL), so data can never become markup; the headers
 * below are the second line: no script but the server's own files, no framing, no sniffing.
 */
final class Render {

    /** Scripts and styles only from this server; no inline script at all, so injected markup cannot run. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void page(Context ctx, int status, String template, Page page, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template, Map.of("page", page, "model", model), out);
        ctx.status(status)
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("X-Frame-Options", "DENY")
                // A signed-in page is about someone: no cache may keep it.
                .header("Cache-Control", page.signedInAs().isPresent() ? "no-store" : "no-cache")
                .contentType("text/html; charset=utf-8")
                .result(out.toString());
    }
}
