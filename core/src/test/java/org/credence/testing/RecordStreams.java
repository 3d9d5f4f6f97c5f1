package org.credence.testing;

import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.credence.record.RecordBatch;
import org.credence.record.RecordStream;

/** Record streams for tests that need to act while a store reads one: hold it, fail it, say where it got to. */
public final class RecordStreams {

    private RecordStreams() {
    }

    /**
     * {@code stream}, telling {@code beforeChunk} the number of each call for a chunk (1, 2, 3...) before
     * it is made; what {@code beforeChunk} throws, the call throws.
     */
    public static RecordStream beforeEachChunk(RecordStream stream, IntConsumer beforeChunk) {
        return new RecordStream() {
            private int calls;

            @Override
            public Optional<Chunk> next() {
                beforeChunk.accept(++calls);
                return stream.next();
            }

            @Override
            public List<RecordBatch.LineProblem> problems() {
                return stream.problems();
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }
}
