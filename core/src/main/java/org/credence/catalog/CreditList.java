package org.credence.catalog;

import java.time.Period;

/** A black or red list: how subjects enter it, how long they stay, and whether it is published. */
public record CreditList(
        String code,
        Kind kind,
        String title,
        ListEntry entry,
        Period duration,
        Publication publication,
        String legalBasis) {

    public enum Kind { BLACK, RED }

    public enum Publication { PUBLIC, SUBJECT_ONLY }
}
