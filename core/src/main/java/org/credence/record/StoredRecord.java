package org.credence.record;

import java.time.Instant;

/** A record as the store holds it: the submission, its id, when it was accepted and its state. */
public record StoredRecord(long id, RecordSubmission submission, Instant recordedAt, RecordState state) {
}
