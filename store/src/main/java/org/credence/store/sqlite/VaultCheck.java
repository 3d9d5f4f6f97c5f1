package org.credence.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.credence.store.KeyFile;
import org.credence.store.StoreException;
import org.credence.store.Vault;

/**
 * Ties a database to its key file. The first start writes a check value made with the keys (the keyed
 * hash and a sealed copy of a fixed label); every later start needs a key file that reproduces it. So a
 * lost key file is reported instead of silently replaced by a new one, under which the stored data
 * would be unreadable and new data unlinkable to the old; and a wrong one is refused before anything is
 * read or written with it.
 */
final class VaultCheck {

    static final String LABEL = "credence vault check";
    private static final String READ = "SELECT hash_check, seal_check FROM vault_check WHERE id = 1";
    private static final String WRITE = "INSERT INTO vault_check (id, hash_check, seal_check) VALUES (1, ?, ?)";
    private static final String HOLDS_DATA =
            "SELECT EXISTS (SELECT 1 FROM record_refs) OR EXISTS (SELECT 1 FROM api_keys)";

    private VaultCheck() {
    }

    /** The vault for the database in {@code dataDir}, from {@code keyFile}, creating both on first start. */
    static Vault bind(Database db, Path dataDir, Path keyFile) {
        // Checked first without the write lock, so that opening a directory a server is busy writing
        // to does not wait for it; only the first start writes.
        Optional<Vault> checked = db.read(d -> checked(d, dataDir, keyFile));
        if (checked.isPresent()) {
            return checked.get();
        }
        // One transaction, which takes the write lock, so that two processes starting on a fresh
        // directory cannot both create a key file: the second finds the first one's check.
        return db.transaction((d, transaction) -> {
            Optional<Vault> vault = checked(d, dataDir, keyFile);
            return vault.isPresent() ? vault.get() : first(d, dataDir, keyFile);
        });
    }

    /** The vault from {@code keyFile} if the database has a check and the file passes it; empty without a check. */
    private static Optional<Vault> checked(Database d, Path dataDir, Path keyFile) throws SQLException {
        try (ResultSet row = d.prepare(READ).executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            if (Files.notExists(keyFile)) {
                throw missing(dataDir, keyFile);
            }
            Vault vault = KeyFile.load(keyFile);
            if (!matches(vault, row.getString(1), row.getBytes(2))) {
                throw new StoreException("the key file " + keyFile + " does not match the data directory "
                        + dataDir + ": its data was sealed with other keys. Use the key file created with "
                        + "this data directory; no other can read it");
            }
            return Optional.of(vault);
        }
    }

    private static Vault first(Database d, Path dataDir, Path keyFile) throws SQLException {
        if (holdsData(d)) {
            throw new StoreException("the database in " + dataDir + " holds data but no record of its keys; "
                    + "it was altered outside Credence and is not opened");
        }
        Vault vault = Files.notExists(keyFile) ? KeyFile.create(keyFile) : KeyFile.load(keyFile);
        PreparedStatement write = d.prepare(WRITE);
        write.setString(1, vault.subjectHash(LABEL));
        write.setBytes(2, vault.seal(LABEL));
        write.executeUpdate();
        return vault;
    }

    private static boolean matches(Vault vault, String hashCheck, byte[] sealCheck) {
        if (!vault.subjectHash(LABEL).equals(hashCheck)) {
            return false;
        }
        try {
            return vault.open(sealCheck).equals(LABEL);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static boolean holdsData(Database d) throws SQLException {
        try (ResultSet row = d.prepare(HOLDS_DATA).executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static StoreException missing(Path dataDir, Path keyFile) {
        return new StoreException("the key file " + keyFile + " is missing. The data in " + dataDir
                + " is sealed with the keys it held and cannot be read without them, so no new key file is made: "
                + "restore the original from its backup, or give its path if it is kept elsewhere");
    }
}
