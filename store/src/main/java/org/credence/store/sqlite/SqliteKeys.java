package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.KeyStore;
import org.credence.store.Role;
import org.credence.store.Vault;

/** The {@code api_keys} table. A subject key's subject is kept as its keyed hash and sealed. */
final class SqliteKeys implements KeyStore {

    private static final String COLUMNS = "key_hash, name, role, scopes, subject_sealed, created_at";
    private static final String TAKEN = "SELECT name FROM api_keys WHERE name = ? OR key_hash = ?";
    private static final String INSERT = "INSERT INTO api_keys (" + COLUMNS + ", subject_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?";
    private static final String ALL = "SELECT " + COLUMNS + " FROM api_keys ORDER BY name";

    /** Scope codes are stored as one column, separated by this. */
    private static final String SEPARATOR = " ";

    private final Database db;
    private final Vault vault;

    SqliteKeys(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
    }

    @Override
    public void create(ApiKey key, AuditLog.AuditEvent audit) {
        String scopes = scopes(key.scopes());
        db.transaction((d, transaction) -> {
            // Checked before inserting, in the same transaction, so the refusal names the clash
            // instead of surfacing a constraint error.
            PreparedStatement taken = d.prepare(TAKEN);
            taken.setString(1, key.name());
            taken.setString(2, key.keyHash());
            try (ResultSet row = taken.executeQuery()) {
                if (row.next()) {
                    throw new IllegalStateException(row.getString(1).equals(key.name())
                            ? "a key named '" + key.name() + "' already exists"
                            : "a key with this secret already exists");
                }
            }
            PreparedStatement insert = d.prepare(INSERT);
            insert.setString(1, key.keyHash());
            insert.setString(2, key.name());
            insert.setString(3, key.role().code());
            insert.setString(4, scopes);
            if (key.subject().isPresent()) {
                insert.setBytes(5, vault.seal(key.subject().get()));
                insert.setString(7, vault.subjectHash(key.subject().get()));
            } else {
                insert.setNull(5, Types.BLOB);
                insert.setNull(7, Types.VARCHAR);
            }
            insert.setString(6, Timestamps.format(key.createdAt()));
            insert.executeUpdate();
            return AuditChain.appendIn(d, audit);
        });
    }

    @Override
    public Optional<ApiKey> byHash(String keyHash) {
        return db.read(d -> {
            PreparedStatement query = d.prepare(BY_HASH);
            query.setString(1, keyHash);
            List<ApiKey> keys = list(query);
            return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getFirst());
        });
    }

    @Override
    public List<ApiKey> all() {
        return db.read(d -> list(d.prepare(ALL)));
    }

    private static String scopes(Set<String> scopes) {
        for (String scope : scopes) {
            if (scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a scope is a code without spaces, not '" + scope + "'");
            }
        }
        return String.join(SEPARATOR, new TreeSet<>(scopes));
    }

    private static Set<String> scopes(String column) {
        return column.isEmpty() ? Set.of() : Set.of(column.split(SEPARATOR));
    }

    private List<ApiKey> list(PreparedStatement query) throws SQLException {
        List<ApiKey> keys = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                String role = row.getString(3);
                byte[] subject = row.getBytes(5);
                keys.add(new ApiKey(row.getString(1), row.getString(2),
                        Role.fromCode(role).orElseThrow(() ->
                                new IllegalStateException("unknown role in the database: " + role)),
                        scopes(row.getString(4)),
                        subject == null ? Optional.empty() : Optional.of(vault.open(subject)),
                        Timestamps.parse(row.getString(6))));
            }
        }
        return keys;
    }
}
