package org.credence.store;

import java.util.List;
import java.util.Optional;

/** Client keys, by hash. */
public interface KeyStore {

    /**
     * Saves a new key with its audit entry in one transaction; a name already in use is refused with
     * {@link IllegalStateException}, and then neither is kept.
     */
    void create(ApiKey key, AuditLog.AuditEvent audit);

    Optional<ApiKey> byHash(String keyHash);

    List<ApiKey> all();
}
