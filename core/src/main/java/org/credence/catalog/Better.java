package org.credence.catalog;

/** Which way along the scale is good conduct: up for municipal points, down for penalty points. */
public enum Better {
    HIGHER, LOWER;

    /** Whether {@code points} count against the subject under this direction. */
    public boolean isAdverse(int points) {
        return this == HIGHER ? points < 0 : points > 0;
    }
}
