package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.credence.record.RecordState;
import org.credence.record.StoredRecord;
import org.credence.store.StoreException;
import org.credence.store.Vault;

/**
 * The queries on {@code record_blocks} and {@code record_states} that every reader and writer of
 * records shares: the block holding an id, blocks in id order, states, and the next free id. Each
 * runs inside the caller's {@link Database#read} or {@link Database#transaction}.
 */
final class RecordBlocks {

    /**
     * Blocks per trip to the database when reading many, up to some 16,000 records: enough to amortise
     * the query and the fork, few enough that the lock is free for writers between pages and the pages in
     * flight stay small.
     */
    static final int PAGE_BLOCKS = 16;

    private static final String CONTAINING = "SELECT first_id, last_id, body FROM record_blocks"
            + " WHERE first_id <= ? ORDER BY first_id DESC LIMIT 1";
    // A block holds at most MAX_RECORDS ids, so one holding ids after ?1 starts after ?1 - MAX_RECORDS:
    // the bound makes the scan a range of the key instead of a walk from the first block.
    private static final String PAGE = "SELECT first_id, last_id, body FROM record_blocks"
            + " WHERE first_id > ?1 - " + RecordBlock.MAX_RECORDS + " AND first_id <= ?2 AND last_id > ?1"
            + " ORDER BY first_id LIMIT ?3";
    private static final String STATES = "SELECT id, state FROM record_states WHERE id >= ? AND id <= ?";
    private static final String SET_STATE = "INSERT INTO record_states (id, state) VALUES (?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET state = excluded.state";
    private static final String RESET_STATE = "DELETE FROM record_states WHERE id = ?";
    // Blocks are in id order without overlaps, so the last one by key ends at the highest id.
    private static final String INSERT =
            "INSERT INTO record_blocks (first_id, last_id, audit_seq, body) VALUES (?, ?, ?, ?)";
    private static final String LAST_ID = "SELECT last_id FROM record_blocks ORDER BY first_id DESC LIMIT 1";

    private RecordBlocks() {
    }

    /** Stores {@code body}, the block of records {@code firstId} to {@code lastId} that audit entry {@code seq} proves. */
    static void insert(Database d, long firstId, long lastId, long seq, byte[] body) throws SQLException {
        PreparedStatement insert = d.prepare(INSERT);
        insert.setLong(1, firstId);
        insert.setLong(2, lastId);
        insert.setLong(3, seq);
        insert.setBytes(4, body);
        insert.executeUpdate();
    }

    /** The block holding record {@code id}, if one does. */
    static Optional<RecordBlock> containing(Database d, long id) throws SQLException {
        PreparedStatement query = d.prepare(CONTAINING);
        query.setLong(1, id);
        try (ResultSet row = query.executeQuery()) {
            if (!row.next() || row.getLong(2) < id) {
                return Optional.empty();
            }
            return Optional.of(block(row));
        }
    }

    /**
     * Up to {@code limit} blocks holding ids after {@code after} and at most {@code upTo}, in id order;
     * the first and last may hold ids outside that range too.
     */
    static List<RecordBlock> page(Database d, long after, long upTo, int limit) throws SQLException {
        PreparedStatement query = d.prepare(PAGE);
        query.setLong(1, after);
        query.setLong(2, upTo);
        query.setInt(3, limit);
        List<RecordBlock> blocks = new ArrayList<>(limit);
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                blocks.add(block(row));
            }
        }
        return blocks;
    }

    private static RecordBlock block(ResultSet row) throws SQLException {
        long first = row.getLong(1);
        RecordBlock block = RecordBlock.read(row.getBytes(3));
        if (block.firstId() != first || block.lastId() != row.getLong(2)) {
            throw new StoreException("the record block stored at " + first + " holds records " + block.firstId()
                    + " to " + block.lastId() + ", not the ids its row names");
        }
        return block;
    }

    /** The state of every record of {@code blocks}, a page in id order, that is not simply recorded. */
    static Map<Long, RecordState> states(Database d, List<RecordBlock> blocks) throws SQLException {
        return blocks.isEmpty() ? Map.of() : states(d, blocks.getFirst().firstId(), blocks.getLast().lastId());
    }

    /** The state of every record from {@code from} to {@code to} that is not simply recorded. */
    static Map<Long, RecordState> states(Database d, long from, long to) throws SQLException {
        PreparedStatement query = d.prepare(STATES);
        query.setLong(1, from);
        query.setLong(2, to);
        Map<Long, RecordState> states = new HashMap<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                states.put(row.getLong(1), RecordState.valueOf(row.getString(2).toUpperCase(Locale.ROOT)));
            }
        }
        return states;
    }

    /** Whether record {@code id} is stored: ids are handed out from 1 without gaps. */
    static boolean exists(Database d, long id) throws SQLException {
        return id >= 1 && id <= lastId(d);
    }

    /** Sets a stored record's state; false when no block holds {@code id}. */
    static boolean setState(Database d, long id, RecordState state) throws SQLException {
        if (!exists(d, id)) {
            return false;
        }
        PreparedStatement update;
        if (state == RecordState.RECORDED) {
            update = d.prepare(RESET_STATE);
            update.setLong(1, id);
        } else {
            update = d.prepare(SET_STATE);
            update.setLong(1, id);
            update.setString(2, state.name().toLowerCase(Locale.ROOT));
        }
        update.executeUpdate();
        return true;
    }

    /** The highest id stored, 0 when none: ids are handed out in order and blocks cover them without gaps. */
    static long lastId(Database d) throws SQLException {
        try (ResultSet row = d.prepare(LAST_ID).executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /**
     * Reads records by id for one caller, keeping the last block it opened: records looked up one after
     * another mostly share a block (a resent file's duplicates), and opening one costs
     * its whole ciphertext.
     */
    static final class Cursor {
        private final Vault vault;
        private List<StoredRecord> open = List.of();
        private long openFirst;

        Cursor(Vault vault) {
            this.vault = vault;
        }

        Optional<StoredRecord> record(Database d, long id) throws SQLException {
            if (id < openFirst || id >= openFirst + open.size()) {
                Optional<RecordBlock> block = containing(d, id);
                if (block.isEmpty()) {
                    return Optional.empty();
                }
                open = block.get().records(vault, states(d, block.get().firstId(), block.get().lastId()));
                openFirst = block.get().firstId();
            }
            return Optional.of(open.get((int) (id - openFirst)));
        }
    }
}
