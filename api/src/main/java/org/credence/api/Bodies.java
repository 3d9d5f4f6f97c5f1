package org.credence.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.credence.formats.Json;

/**
 * Request bodies read with a bound: a body over the limit is refused with 400 before it is buffered,
 * whether or not the client declared its length.
 */
final class Bodies {

    /** Single records and decision requests are small. */
    static final int SMALL = 64 * 1024;
    /** Decision batches: up to 1,000 short requests. */
    static final int BATCH = 512 * 1024;
    /** Bulk NDJSON uploads. */
    static final int BULK = 256 * 1024 * 1024;
    /** What {@link #drainUnread} reads at most of a body left unread. */
    private static final long DRAINED_AT_MOST = 4 * 1024 * 1024;

    private Bodies() {
    }

    static String text(Context ctx, int limit) {
        try (InputStream in = ctx.bodyInputStream()) {
            return text(ctx.contentLength(), in, limit);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The body {@code in}, of the {@code declared} length (negative when not declared), as text. */
    static String text(long declared, InputStream in, int limit) {
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try {
            // With the length declared, exactly that is read (the server holds the client to it);
            // reading up to the limit allocated the limit's worth of buffers for every small request.
            byte[] bytes = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The body as a JSON tree. */
    static Object json(Context ctx) {
        return json(ctx, SMALL);
    }

    /** The body as a JSON tree, read up to {@code limit} bytes. */
    static Object json(Context ctx, int limit) {
        return json(text(ctx, limit));
    }

    /** A body's text as a JSON tree. */
    static Object json(String text) {
        if (text.isBlank()) {
            throw ApiError.badRequest("malformed_json", "the request body is empty; a JSON object is expected");
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", Json.reason(e));
        }
    }

    private static ApiError unreadable(IOException e) {
        return ApiError.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
    }

    private static ApiError tooLarge(int limit) {
        return ApiError.badRequest("body_too_large", "the request body is larger than " + limit + " bytes");
    }

    /**
     * Reads and drops what is left of the request's body, up to {@value #DRAINED_AT_MOST} bytes, once
     * it is answered. A request refused before its body was read (a key refused, a body too large)
     * would otherwise leave the client's bytes arriving at a connection the server closes, and TCP
     * resets such a connection, which can take the answer with it: Java's HTTP client lost 45 of
     * 1,500 refusals of a 70 kB record and 27 of 1,500 refusals of its key so, on loopback. Beyond the
     * bound a client is left to the reset rather than read without end.
     */
    static void drainUnread(Context ctx) {
        try {
            drain(ctx.req().getInputStream());
        } catch (IOException | IllegalStateException e) {
            // the body was read and closed: nothing is left to drop
        }
    }

    /** Like {@link #drainUnread}, for a body read as {@code in}. */
    static void drain(InputStream in) {
        try {
            if (in.read() < 0) {
                return;
            }
            byte[] dropped = new byte[8192];
            for (long left = DRAINED_AT_MOST - 1; left > 0; ) {
                int n = in.read(dropped, 0, (int) Math.min(dropped.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was read and closed: nothing is left to drop
        }
    }
}
