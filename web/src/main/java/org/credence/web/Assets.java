package org.credence.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The pages' scripts, styles and the client libraries' licences, served from the class path: the
 * libraries come inside their WebJars, so the pages need no network beyond this server. Loaded once
 * at start; a missing file is a packaging error and stops the server from starting.
 */
final class Assets {

    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    Assets() {
        String htmx = webjar("htmx.org");
        String chart = webjar("chart.js");
        add("htmx.min.js", htmx + "dist/htmx.min.js", "text/javascript");
        add("chart.umd.min.js", chart + "dist/chart.umd.min.js", "text/javascript");
        add("licenses/htmx.txt", htmx + "LICENSE", "text/plain");
        add("licenses/chart.js.txt", chart + "LICENSE.md", "text/plain");
        add("credence.css", "org/credence/web/assets/credence.css", "text/css");
        add("credence.js", "org/credence/web/assets/credence.js", "text/javascript");
    }

    /** Where a WebJar keeps its files, by the version its own metadata gives. */
    private static String webjar(String artifact) {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/";
    }

    private void add(String name, String resource, String contentType) {
        try (InputStream in = resource(resource)) {
            assets.put(name, new Asset(in.readAllBytes(), contentType + "; charset=utf-8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing from the class path: " + name);
        }
        return in;
    }

    void serve(Context ctx) {
        serve(ctx, ctx.pathParam("name"));
    }

    void serve(Context ctx, String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=3600").header("X-Content-Type-Options", "nosniff")
                .contentType(asset.contentType()).result(asset.bytes());
    }
}
