package org.credence.record;

import java.util.Locale;

/** A record's status as shown at a given date. */
public enum RecordStatus {
    ACTIVE, DISPUTED, ANNULLED, REPAIRED, EXPIRED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
