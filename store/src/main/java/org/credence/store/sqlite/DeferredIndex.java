package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A secondary index keyed by random values (keyed hashes of subject ids), set aside while a bulk insert
 * runs and built again, from its own stored definition, before the same transaction commits.
 *
 * <p>Why: each row inserted into such an index lands on a random page, so once the index outgrows the
 * page cache nearly every row reads and rewrites a page of it. Measured on this machine with the SQLite
 * shell: 2 million audit rows took 38 s with an index by subject hash maintained row by row and 11 s
 * when it was dropped first and created again after, which sorts the keys once and writes the pages in
 * order. The rebuild reads every row of the table, so it pays only when the new rows are many next to
 * those already there; {@link #worthIt} says when.
 *
 * <p>The drop and the rebuild are statements of the caller's transaction: a rollback brings the index
 * back as it was, and other connections, which see only committed states, never see the table without
 * it. Nothing inside the transaction may need the index meanwhile (the inserts do not).
 */
final class DeferredIndex {

    private static final String DEFINITION = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?";

    private final String definition;

    private DeferredIndex(String definition) {
        this.definition = definition;
    }

    /** Whether adding {@code newRows} to a table of {@code existingRows} goes faster without the index. */
    static boolean worthIt(long newRows, long existingRows) {
        return newRows >= Database.LARGE_BATCH && newRows >= existingRows;
    }

    /** Drops the index {@code name}, keeping its definition for {@link #rebuild}. */
    static DeferredIndex drop(Database d, String name) throws SQLException {
        PreparedStatement query = d.prepare(DEFINITION);
        query.setString(1, name);
        String definition;
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("the schema has no index " + name);
            }
            definition = row.getString(1);
        }
        d.execute("DROP INDEX " + name);
        return new DeferredIndex(definition);
    }

    /** Creates the index again exactly as it was defined. */
    void rebuild(Database d) throws SQLException {
        d.execute(definition);
    }
}
