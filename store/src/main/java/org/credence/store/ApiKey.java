package org.credence.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A client key as stored: only the SHA-256 of the secret is kept, so a copy of the database cannot be
 * used to call the API. An empty scope set means no restriction within the role. A subject key is
 * bound to one subject id ({@code subject}); no other key is.
 */
public record ApiKey(String keyHash, String name, Role role, Set<String> scopes, Optional<String> subject, Instant createdAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
        if ((role == Role.SUBJECT) != subject.isPresent()) {
            throw new IllegalArgumentException("a subject key, and only a subject key, is bound to a subject");
        }
    }

    /** Whether the key's scope covers {@code code} (a record type for agencies, an action for partners). */
    public boolean covers(String code) {
        return scopes.isEmpty() || scopes.contains(code);
    }
}
