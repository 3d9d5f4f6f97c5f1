package org.credence.api;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import org.credence.formats.Json;
import org.credence.store.ApiKey;
import org.credence.store.Role;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single decisions, {@code POST /api/v1/decisions}, served by Jetty itself ahead of Javalin, which
 * serves every other route.
 *
 * <p>A partner asks on every sale, so this is the one route whose cost per request is the product's
 * throughput. Measured on two cores, a POST that does nothing costs about three times as much through
 * Javalin's servlet as through a Jetty handler on the same virtual threads (medians of three runs:
 * 10,600 answers a second over HTTP/1.1 against 30,700, and 7,200 over HTTP/2 against 23,600;
 * BENCHMARKS.md, nineteenth round): the servlet layer's request and response wrappers, Javalin's
 * context, its before/after and exception passes. Everything that is the product's stays shared with the other routes: the key check ({@link Guard}), the bounded
 * body ({@link Bodies}), the decision and its audit entry ({@link DecisionRoutes}), the error shape
 * ({@link Respond}) and the request metrics. Other methods on this path fall through to Javalin,
 * which answers them as any path it does not serve.
 *
 * <p>The handler blocks (it waits for the audit entry's group commit, as every decision does before it
 * is answered), so Jetty runs it on the server's pool of virtual threads, as it runs Javalin's servlet.
 */
final class DecisionHandler extends Handler.Wrapper {

    static final String PATH = "/api/v1/decisions";
    private static final Logger LOG = LoggerFactory.getLogger(DecisionHandler.class);
    private static final Set<Role> PARTNERS = EnumSet.of(Role.PARTNER);

    private final Guard guard;
    private final DecisionRoutes decisions;
    private final Metrics metrics;

    DecisionHandler(Guard guard, DecisionRoutes decisions, Metrics metrics) {
        this.guard = guard;
        this.decisions = decisions;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!HttpMethod.POST.is(request.getMethod()) || !(path.equals(PATH) || path.equals(PATH + "/"))) {
            return super.handle(request, response, callback);
        }
        long began = System.nanoTime();
        int status;
        byte[] body;
        InputStream in = Content.Source.asInputStream(request);
        try {
            ApiKey client = guard.client(request.getHeaders().get(HttpHeader.AUTHORIZATION), PARTNERS,
                    request.getMethod(), path);
            Object tree = Bodies.json(Bodies.text(request.getLength(), in, Bodies.SMALL));
            body = Json.writeBytes(decisions.decide(tree, client));
            status = 200;
        } catch (ApiError e) {
            Bodies.drain(in);
            status = e.status();
            body = Json.writeBytes(Respond.errorBody(e));
            if (status == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            }
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", request.getMethod(), path, e);
            Bodies.drain(in);
            status = 500;
            body = Json.writeBytes(Respond.errorBody(new ApiError(500, "internal_error",
                    "the server failed to answer; the failure is logged")));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), counted(request.getMethod(), status, began, callback));
        return true;
    }

    /**
     * {@code callback}, counting the request in the metrics once its answer is written, or as 499 when
     * the client went before it could be: what the request did stands, there is nobody to tell.
     */
    private Callback counted(String method, int status, long began, Callback callback) {
        return new Callback() {
            @Override
            public void succeeded() {
                metrics.request(method, PATH, status, System.nanoTime() - began);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                metrics.request(method, PATH, 499, System.nanoTime() - began);
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }
}
