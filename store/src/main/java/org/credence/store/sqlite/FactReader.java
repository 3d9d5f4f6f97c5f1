package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.credence.record.RecordState;
import org.credence.store.RecordStore.Fact;
import org.credence.store.StoreException;
import org.credence.store.Vault;
import org.credence.subject.SubjectKind;

/**
 * Reads every record's {@link Fact} for the hot index at start, as a pipeline over chunks of rows: a
 * reader thread fetches the next chunk and has it unsealed on all cores while the caller's thread
 * hands the chunk before it to the consumer, in id order.
 *
 * <p>Only the columns a fact needs are read, and SQLite turns the date and the state into numbers
 * itself, so no text is made per row but the record type's. The one AES-GCM open per row (the subject
 * id; two for an organization that was named, whose name the public register searches) is most of
 * the Java time, which is why it is the part spread over the cores.
 */
final class FactReader {

    /**
     * Rows per trip to the database: enough to amortise the query and the fork, few enough that the
     * lock is free for writers between chunks and the chunks in flight stay small.
     */
    static final int CHUNK = 16_384;

    // The epoch day of a 'YYYY-MM-DD' is its Unix time over a day's seconds, exact at midnight; the
    // states are numbered as STATES lists them, and a value the schema's check forbids reads as -1.
    private static final String PAGE = """
            SELECT id, subject_id_sealed, subject_kind = 'organization', type, unixepoch(occurred_at) / 86400,
                   CASE state WHEN 'recorded' THEN 0 WHEN 'annulled' THEN 1 WHEN 'repaired' THEN 2 ELSE -1 END,
                   CASE subject_kind WHEN 'organization' THEN subject_name_sealed END
              FROM records WHERE id > ? AND id <= ? ORDER BY id LIMIT ?""";
    private static final RecordState[] STATES = {RecordState.RECORDED, RecordState.ANNULLED, RecordState.REPAIRED};

    private final Database db;
    private final Vault vault;
    // A catalog has tens of record types: every fact of one type shares one string, read by the reader
    // thread only.
    private final Map<String, String> types = new HashMap<>();

    FactReader(Database db, Vault vault) {
        this.db = db;
        this.vault = vault;
    }

    /** Delivers the facts of the records with ids {@code firstId} to {@code lastId}. */
    void forEach(long firstId, long lastId, Consumer<Fact> sink) {
        try (ExecutorService reader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("credence-fact-reader").daemon().factory())) {
            CompletableFuture<Chunk> next = CompletableFuture.supplyAsync(() -> unseal(read(firstId - 1, lastId)), reader);
            while (true) {
                Chunk chunk = await(next);
                if (chunk.size == 0) {
                    return;
                }
                next = CompletableFuture.supplyAsync(() -> unseal(read(chunk.ids[chunk.size - 1], lastId)), reader);
                chunk.deliver(sink);
            }
        }
    }

    private Chunk unseal(Chunk chunk) {
        chunk.unseal(vault);
        return chunk;
    }

    private static Chunk await(CompletableFuture<Chunk> chunk) {
        try {
            return chunk.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
    }

    private Chunk read(long after, long upTo) {
        return db.read(d -> {
            PreparedStatement page = d.prepare(PAGE);
            page.setLong(1, after);
            page.setLong(2, upTo);
            page.setInt(3, CHUNK);
            Chunk chunk = new Chunk();
            try (ResultSet row = page.executeQuery()) {
                while (row.next()) {
                    chunk.add(row, types);
                }
            }
            return chunk;
        });
    }

    /** Up to {@link #CHUNK} rows, column by column. */
    private static final class Chunk {
        final long[] ids = new long[CHUNK];
        final byte[][] sealedSubjects = new byte[CHUNK][];
        final boolean[] organizations = new boolean[CHUNK];
        final String[] types = new String[CHUNK];
        final int[] days = new int[CHUNK];
        final RecordState[] states = new RecordState[CHUNK];
        final byte[][] sealedNames = new byte[CHUNK][];
        final String[] subjects = new String[CHUNK];
        final String[] names = new String[CHUNK];
        int size;

        void add(ResultSet row, Map<String, String> knownTypes) throws SQLException {
            long id = row.getLong(1);
            int state = row.getInt(6);
            if (state < 0) {
                throw new StoreException("record " + id + " has a state the schema does not allow");
            }
            ids[size] = id;
            sealedSubjects[size] = row.getBytes(2);
            organizations[size] = row.getBoolean(3);
            types[size] = knownTypes.computeIfAbsent(row.getString(4), type -> type);
            days[size] = row.getInt(5);
            if (row.wasNull()) {
                // SQLite gives no day for text that is not a date; the full read would have refused it too.
                throw new StoreException("record " + id + " has an occurrence date that is not a valid date");
            }
            states[size] = STATES[state];
            sealedNames[size] = row.getBytes(7);
            size++;
        }

        void unseal(Vault vault) {
            IntStream.range(0, size).parallel().forEach(i -> {
                subjects[i] = vault.open(sealedSubjects[i]);
                names[i] = sealedNames[i] == null ? null : vault.open(sealedNames[i]);
            });
        }

        void deliver(Consumer<Fact> sink) {
            for (int i = 0; i < size; i++) {
                sink.accept(new Fact(ids[i], subjects[i], organizations[i] ? SubjectKind.ORGANIZATION : SubjectKind.PERSON,
                        types[i], days[i], states[i], Optional.ofNullable(names[i])));
            }
        }
    }
}
