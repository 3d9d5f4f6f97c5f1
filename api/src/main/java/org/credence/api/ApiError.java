package org.credence.api;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, with its HTTP status, a stable machine code and a sentence for
 * people; {@code problems} itemises what was wrong (field or line, and why).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Map<String, Object>> problems;

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiError(int status, String code, String message, List<Map<String, Object>> problems) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, Object>> problems() {
        return problems;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }
}
