package org.credence.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Catalog versions as loaded, their source text kept verbatim, and which one is active. */
public interface CatalogStore {

    /**
     * Saves the catalog version and makes it the active one. Loading the same (id, version) with the
     * same text again only reactivates it; with different text it is refused, because a published
     * version never changes: {@link IllegalStateException}. The activation and its audit entry are
     * kept in one transaction, or neither.
     */
    CatalogVersion activate(String catalogId, int version, String source, Instant loadedAt, AuditLog.AuditEvent audit);

    Optional<CatalogVersion> active();

    /** Every version ever loaded, oldest first. */
    List<CatalogVersion> versions();

    record CatalogVersion(String catalogId, int version, String source, Instant loadedAt, boolean active) {
    }
}
