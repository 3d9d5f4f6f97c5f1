package org.credence.catalog;

import java.time.Period;
import java.util.Optional;
import java.util.Set;
import org.credence.subject.SubjectKind;

/** A kind of conduct the catalog allows to be recorded, with its points, expiry and basis in law. */
public record RecordType(
        String code,
        String title,
        Category category,
        Set<SubjectKind> subjects,
        int points,
        Optional<Period> expiresAfter,
        boolean repairable,
        String legalBasis) {

    public RecordType {
        subjects = Set.copyOf(subjects);
    }
}
