package org.credence.record;

import java.util.Optional;
import org.credence.subject.SubjectKind;

/** Who a record is about, as the submitting source identifies them. */
public record SubjectRef(String id, SubjectKind kind, Optional<String> name) {
}
