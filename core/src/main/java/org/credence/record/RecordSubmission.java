package org.credence.record;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One fact from one source, as submitted and validated. {@code (source, sourceRef)} is the
 * idempotency key. {@code details} is the source's free-form object in a canonical JSON encoding
 * (keys sorted), kept opaque here so that the same details always compare equal.
 */
public record RecordSubmission(
        String source,
        String sourceRef,
        SubjectRef subject,
        String type,
        LocalDate occurredAt,
        Optional<String> details) {
}
