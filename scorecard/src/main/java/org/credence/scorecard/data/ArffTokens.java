package org.credence.scorecard.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ARFF value list ("a, 'b c', ?") into values, honouring single and double quotes and
 * backslash escapes. An unquoted {@code ?} becomes null: ARFF's missing value.
 */
final class ArffTokens {
    private ArffTokens() {
    }

    static List<String> split(String text, String source, long line) {
        List<String> values = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                if (!values.isEmpty()) {
                    throw new DataFormatException(source, line, "a value is missing after the last comma");
                }
                return values;
            }
            char c = text.charAt(i);
            String value;
            if (c == '\'' || c == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i++);
                    if (d == '\\' && i < n) {
                        quoted.append(text.charAt(i++));
                    } else if (d == c) {
                        closed = true;
                        break;
                    } else {
                        quoted.append(d);
                    }
                }
                if (!closed) {
                    throw new DataFormatException(source, line, "a quoted value is not closed: " + text);
                }
                value = quoted.toString();
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
                String raw = text.substring(start, i).strip();
                value = raw.equals("?") ? null : raw;
            }
            values.add(value);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return values;
            }
            if (text.charAt(i) != ',') {
                throw new DataFormatException(source, line, "expected a comma after value '" + value + "'");
            }
            i++;
        }
    }
}
