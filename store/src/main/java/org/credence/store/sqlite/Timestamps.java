package org.credence.store.sqlite;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Instants as text: UTC with all nine fraction digits, so that stored text sorts as time does and
 * reads back to the very same instant.
 */
final class Timestamps {

    private static final DateTimeFormatter FIXED_WIDTH = new DateTimeFormatterBuilder()
            .appendInstant(9)
            .toFormatter(Locale.ROOT);

    private Timestamps() {
    }

    static String format(Instant instant) {
        return FIXED_WIDTH.format(instant);
    }

    static Instant parse(String text) {
        return Instant.parse(text);
    }
}
