package org.credence.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.credence.formats.Json;
import org.credence.record.RecordBatch;
import org.credence.tree.Problem;
import org.eclipse.jetty.io.EofException;

/** Writing JSON answers, and the one shape every error takes. */
final class Respond {

    private Respond() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /**
     * Like {@link #json}, written to the connection at once. For the decision routes, the hot path:
     * an answer set as the result is copied out by Javalin through a buffer allocated per response,
     * which was a quarter of the server's allocation under load. Only for a handler's final answer:
     * nothing may be written after it, and no result may have been set before it.
     */
    static void jsonNow(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json");
        try {
            ctx.outputStream().write(Json.writeBytes(body));
        } catch (EofException e) {
            throw new ClientGone(e);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer could not be written", e);
        }
    }

    /**
     * The client closed its connection before its answer was written (a load generator stopping, a
     * partner's time-out): nothing failed here, and there is nobody left to answer. What the request
     * did stands; a decision's audit entry was durable before the answer was begun.
     */
    static final class ClientGone extends RuntimeException {
        ClientGone(EofException cause) {
            super("the client closed the connection before its answer was written", cause, false, false);
        }
    }

    static void error(Context ctx, ApiError error) {
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        json(ctx, error.status(), errorBody(error));
    }

    /** What every refusal says: a stable code, a sentence, and the problems item by item when there are any. */
    static Map<String, Object> errorBody(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        if (!error.problems().isEmpty()) {
            body.put("problems", error.problems());
        }
        return body;
    }

    static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("field", p.path(), "reason", p.message())).toList();
    }

    static List<Map<String, Object>> lineProblems(List<RecordBatch.LineProblem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("line", p.line(), "field", p.field(), "reason", p.reason()))
                .toList();
    }
}
