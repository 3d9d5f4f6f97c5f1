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

    private Bodies() {
    }

    static String text(Context ctx, int limit) {
        long declared = ctx.contentLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            // With the length declared, exactly that is read (the server holds the client to it);
            // reading up to the limit allocated the limit's worth of buffers for every small request.
            byte[] bytes = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
        }
    }

    /** The body as a JSON tree. */
    static Object json(Context ctx) {
        return json(ctx, SMALL);
    }

    /** The body as a JSON tree, read up to {@code limit} bytes. */
    static Object json(Context ctx, int limit) {
        String text = text(ctx, limit);
        if (text.isBlank()) {
            throw ApiError.badRequest("malformed_json", "the request body is empty; a JSON object is expected");
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", Json.reason(e));
        }
    }

    private static ApiError tooLarge(int limit) {
        return ApiError.badRequest("body_too_large", "the request body is larger than " + limit + " bytes");
    }
}
