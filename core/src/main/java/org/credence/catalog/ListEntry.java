package org.credence.catalog;

import java.util.List;

/** How a subject enters a list: by an active record of certain types, or by a grade condition. */
public sealed interface ListEntry permits ListEntry.ByRecordTypes, GradeCondition {

    /** {@code entry: {record_types: [...]}}. */
    record ByRecordTypes(List<String> recordTypes) implements ListEntry {
        public ByRecordTypes {
            recordTypes = List.copyOf(recordTypes);
        }
    }
}
