package org.credence.subject;

import java.util.Optional;

/** The two kinds of subject a record can be about. */
public enum SubjectKind {
    PERSON("person"),
    ORGANIZATION("organization");

    private final String code;

    SubjectKind(String code) {
        this.code = code;
    }

    /** The lowercase name used in catalogs, records and JSON. */
    public String code() {
        return code;
    }

    public static Optional<SubjectKind> fromCode(String code) {
        for (SubjectKind kind : values()) {
            if (kind.code.equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
