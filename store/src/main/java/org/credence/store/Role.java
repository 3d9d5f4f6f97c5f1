package org.credence.store;

import java.util.Locale;
import java.util.Optional;

/** What a client key may do. A key has exactly one role. */
public enum Role {
    /** Submits records, scoped to record types. */
    AGENCY,
    /** Asks for decisions, scoped to actions. */
    PARTNER,
    /** Loads catalogs, reads files, works queues. */
    OPERATOR,
    /** Reads files and the audit trail; writes nothing. */
    AUDITOR,
    /** A subject (or an organization's representative): bound to one subject id, sees only its own file. */
    SUBJECT;

    // Every audit entry names its client's role, so worked out once.
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Optional<Role> fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
