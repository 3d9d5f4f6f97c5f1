package org.credence.store;

import java.util.List;
import java.util.Optional;

/** Client keys, by hash. */
public interface KeyStore {

    /** Saves a new key; a name already in use is refused with {@link IllegalStateException}. */
    void create(ApiKey key);

    Optional<ApiKey> byHash(String keyHash);

    List<ApiKey> all();
}
