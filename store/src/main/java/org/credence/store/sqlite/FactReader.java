package org.credence.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /**
     * Each row crosses from SQLite as few values as possible, since every value read is a native call
     * and the reader thread was the busiest at start: the day, state and kind come packed in one number
     * ({@code day * 16 + state * 2 + organization}; the epoch day of a 'YYYY-MM-DD' is its Unix time over
     * a day's seconds, exact at midnight; a state the schema forbids reads as 3, a text that is no date
     * as {@link #NOT_A_DATE}), and the record type as its number among the types already met
     * ({@link RecordTypeNumbers}, written into the statement as {@code %s}); a type not met yet reads as
     * -1 and is fetched by id, which only the first rows a process reads should need.
     */
    private static final String PAGE = """
            SELECT id, subject_id_sealed,
                   ifnull((unixepoch(occurred_at) / 86400) * 16
                          + CASE state WHEN 'recorded' THEN 0 WHEN 'annulled' THEN 2 WHEN 'repaired' THEN 4 ELSE 6 END
                          + (subject_kind = 'organization'), 8),
                   %s,
                   CASE subject_kind WHEN 'organization' THEN subject_name_sealed END
              FROM records WHERE id > ? AND id <= ? ORDER BY id LIMIT ?""";
    private static final String TYPE = "SELECT type FROM records WHERE id = ?";
    private static final long NOT_A_DATE = 8;
    private static final RecordState[] STATES = {RecordState.RECORDED, RecordState.ANNULLED, RecordState.REPAIRED};

    private final Database db;
    private final Vault vault;
    private final RecordTypeNumbers types;

    FactReader(Database db, Vault vault, RecordTypeNumbers types) {
        this.db = db;
        this.vault = vault;
        this.types = types;
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
        RecordTypeNumbers.Known known = types.known();
        return db.read(d -> {
            PreparedStatement query = d.prepare(PAGE.formatted(known.expression()));
            query.setLong(1, after);
            query.setLong(2, upTo);
            query.setInt(3, CHUNK);
            Chunk read = new Chunk();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    read.add(row, this, known, d);
                }
            }
            return read;
        });
    }

    /**
     * The record type numbered {@code number} in {@code known}, or, when -1, record {@code id}'s, fetched
     * and numbered.
     */
    private String type(int number, RecordTypeNumbers.Known known, long id, Database d) throws SQLException {
        if (number >= 0) {
            return known.types().get(number);
        }
        PreparedStatement query = d.prepare(TYPE);
        query.setLong(1, id);
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return types.learn(row.getString(1));
        }
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

        void add(ResultSet row, FactReader reader, RecordTypeNumbers.Known known, Database d) throws SQLException {
            long id = row.getLong(1);
            long packed = row.getLong(3);
            if (packed == NOT_A_DATE) {
                // SQLite gives no day for text that is not a date; the full read would have refused it too.
                throw new StoreException("record " + id + " has an occurrence date that is not a valid date");
            }
            int state = (int) (packed >> 1) & 7;
            if (state >= STATES.length) {
                throw new StoreException("record " + id + " has a state the schema does not allow");
            }
            ids[size] = id;
            sealedSubjects[size] = row.getBytes(2);
            organizations[size] = (packed & 1) == 1;
            days[size] = (int) (packed >> 4);
            states[size] = STATES[state];
            types[size] = reader.type(row.getInt(4), known, id, d);
            sealedNames[size] = row.getBytes(5);
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
