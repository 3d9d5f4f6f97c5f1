package org.credence.record;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The records of a bulk file as it is read, a chunk at a time, each with the line it came from; lines
 * that are not valid records become {@link #problems()} instead. A file far larger than memory can so
 * be stored as one all-or-nothing batch: whoever stores it asks for the problems once the stream is
 * exhausted, and keeps nothing when there are any.
 *
 * <p>Unlike {@link RecordBatch}, a stream does not look for two lines under one (source, source_ref):
 * that takes a set of every key in the file, and the store finds them anyway, with its unique index.
 */
public interface RecordStream extends AutoCloseable {

    /** The next valid records in file order; empty once the file is exhausted. */
    Optional<Chunk> next();

    /** The bad lines read so far, in line order. */
    List<RecordBatch.LineProblem> problems();

    /**
     * Records already read and checked, such as a request's, as one chunk; each record's "line" is its
     * position among them, from 1.
     */
    static RecordStream of(List<RecordSubmission> records) {
        return ofChunks(records.isEmpty() ? List.of() : List.of(records));
    }

    /**
     * Records already read and checked, in the chunks a reader would hand over; lines are numbered on
     * from 1 across the chunks.
     */
    static RecordStream ofChunks(List<List<RecordSubmission>> chunks) {
        return new RecordStream() {
            private final Iterator<List<RecordSubmission>> next = chunks.iterator();
            private int line = 1;

            @Override
            public Optional<Chunk> next() {
                if (!next.hasNext()) {
                    return Optional.empty();
                }
                List<RecordSubmission> records = next.next();
                int[] lines = new int[records.size()];
                Arrays.setAll(lines, i -> line + i);
                line += records.size();
                return Optional.of(new Chunk(lines, records));
            }

            @Override
            public List<RecordBatch.LineProblem> problems() {
                return List.of();
            }

            @Override
            public void close() {
                // nothing is held
            }
        };
    }

    /** Stops reading; a stream read to its end needs no closing, but closing it again is harmless. */
    @Override
    void close();

    /** Records and, at the same index, the 1-based line each was read from. */
    record Chunk(int[] lines, List<RecordSubmission> records) {
        public Chunk {
            Objects.requireNonNull(lines, "lines");
            records = List.copyOf(records);
            if (lines.length != records.size()) {
                throw new IllegalArgumentException(lines.length + " lines for " + records.size() + " records");
            }
        }

        public int size() {
            return lines.length;
        }
    }
}
