package org.credence.catalog;

import java.util.Locale;
import java.util.Optional;

/** The kinds of conduct a catalog may record. Everything else is unknown or declined. */
public enum Category {
    JUDICIAL, TAX, FINANCIAL, REGULATORY, TRAFFIC, CONTRACT, COMMENDATION, CIVIC;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Category> fromCode(String code) {
        for (Category c : values()) {
            if (c.code().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
