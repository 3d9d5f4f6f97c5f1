package org.credence.tree;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one mapping of a format-neutral tree (maps, lists, strings, numbers, booleans, as YAML and
 * JSON parsers produce them) and records every problem under its path instead of stopping at the
 * first. Whatever was never read is reported by {@link #finish()} as an unknown field, so a typo in
 * a catalog or a record is an error, not a silently ignored key.
 */
public final class Fields {

    private final Map<String, Object> map;
    private final String path;
    private final List<Problem> problems;
    private final Set<String> read = new LinkedHashSet<>();

    private Fields(Map<String, Object> map, String path, List<Problem> problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The mapping at {@code node}, or empty (with a problem) when it is not one. */
    public static Optional<Fields> of(Object node, String path, List<Problem> problems) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = new LinkedHashMap<>();
            raw.forEach((k, v) -> map.put(String.valueOf(k), v));
            return Optional.of(new Fields(map, path, problems));
        }
        problems.add(new Problem(path, node == null ? "required" : "must be a mapping"));
        return Optional.empty();
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    public Set<String> keys() {
        return map.keySet();
    }

    /** The raw value, marked as read. */
    public Object raw(String key) {
        read.add(key);
        return map.get(key);
    }

    public void problem(String key, String message) {
        problems.add(new Problem(path(key), message));
    }

    public Optional<String> text(String key) {
        Object value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            String given = stripped(s);
            if (given == null) {
                problem(key, "must not be blank");
            }
            return Optional.ofNullable(given);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        problem(key, "must be text");
        return Optional.empty();
    }

    /** A text as {@link #text} takes it: without its surrounding spaces; null when blank (or null). */
    public static String stripped(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public Optional<String> requiredText(String key) {
        if (!has(key)) {
            read.add(key);
            problem(key, "required");
            return Optional.empty();
        }
        return text(key);
    }

    public Optional<Long> whole(String key) {
        Object value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 63) {
                return Optional.of(big.longValue());
            }
            problem(key, "number out of range");
            return Optional.empty();
        }
        problem(key, value instanceof Number ? "must be a whole number" : "must be a number");
        return Optional.empty();
    }

    public Optional<Integer> requiredInt(String key) {
        if (!has(key)) {
            read.add(key);
            problem(key, "required");
            return Optional.empty();
        }
        Optional<Long> value = whole(key);
        if (value.isPresent() && (value.get() > Integer.MAX_VALUE || value.get() < Integer.MIN_VALUE)) {
            problem(key, "number out of range");
            return Optional.empty();
        }
        return value.map(Long::intValue);
    }

    public boolean flag(String key, boolean absent) {
        Object value = raw(key);
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(key, "must be true or false");
        return absent;
    }

    /** An ISO-8601 period such as {@code P3Y} or {@code P18M}; it must be positive. */
    public Optional<Period> period(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Period period = Period.parse(text.get());
            if (period.isNegative() || period.isZero()) {
                problem(key, "must be a positive period");
                return Optional.empty();
            }
            return Optional.of(period);
        } catch (DateTimeParseException e) {
            problem(key, "'" + text.get() + "' is not an ISO-8601 period such as P2Y or P18M");
            return Optional.empty();
        }
    }

    /** A calendar date written {@code YYYY-MM-DD}. */
    public Optional<LocalDate> date(String key) {
        Object value = raw(key);
        if (value instanceof LocalDate date) {
            return Optional.of(date);
        }
        Optional<String> text = value == null ? Optional.empty() : text(key);
        if (text.isEmpty()) {
            if (value == null) {
                problem(key, "required");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(parseDate(text.get()));
        } catch (DateTimeException e) {
            problem(key, "'" + text.get() + "' is not a date YYYY-MM-DD");
            return Optional.empty();
        }
    }

    /**
     * {@code YYYY-MM-DD} read by hand, the general parser for anything else: the formatter was a fifth of
     * reading a record in a profile of a bulk import. {@link #date} reads a field with it.
     *
     * @throws DateTimeException when {@code text} is not such a date
     */
    public static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** The decimal number in {@code text} from {@code from} to {@code to}, or -1 when any is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The list at {@code key}; a problem when present and not a list. */
    public List<Object> list(String key) {
        Object value = raw(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        problem(key, "must be a list");
        return List.of();
    }

    public Optional<Fields> mapping(String key) {
        Object value = raw(key);
        if (value == null) {
            read.add(key);
            problem(key, "required");
            return Optional.empty();
        }
        return of(value, path(key), problems);
    }

    /** Reports every key that was never read, naming {@code why} for it when given one. */
    public void finish(java.util.function.Function<String, Optional<String>> why) {
        for (String key : map.keySet()) {
            if (!read.contains(key)) {
                problem(key, why.apply(key).orElse("unknown field"));
            }
        }
    }

    public void finish() {
        finish(key -> Optional.empty());
    }
}
