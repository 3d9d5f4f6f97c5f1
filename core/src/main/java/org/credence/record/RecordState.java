package org.credence.record;

/**
 * What has happened to a stored record since it was accepted. Expiry is not a state: it is derived
 * from the date asked about.
 */
public enum RecordState {
    /** Counts from its date until it expires. */
    RECORDED,
    /** Withdrawn everywhere, for example after an upheld dispute. */
    ANNULLED,
    /** The obligation was fulfilled and the record was repaired; it no longer counts. */
    REPAIRED;

    public boolean counts() {
        return this == RECORDED;
    }
}
