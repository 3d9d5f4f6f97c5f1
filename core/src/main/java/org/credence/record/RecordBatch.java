package org.credence.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one bulk submission, checked as a whole: it is accepted only when every line is, so
 * a file with any bad line stores nothing, and the error lists every bad line rather than the first.
 * Two lines under the same (source, source_ref) must carry the same record.
 */
public final class RecordBatch {

    private final List<RecordSubmission> records = new ArrayList<>();
    private final List<LineProblem> problems = new ArrayList<>();
    private final Map<Key, Integer> firstLine = new HashMap<>();
    private final Map<Key, RecordSubmission> byKey = new HashMap<>();

    /** A problem on one line of a bulk file: the 1-based line, the field (may be empty) and why. */
    public record LineProblem(int line, String field, String reason) {

        /**
         * Line {@code line} holds a different record under a source and source_ref that {@code holder}
         * ({@code "line 3"}, {@code "stored record 12"}) already holds.
         */
        public static LineProblem conflict(int line, String holder) {
            return new LineProblem(line, "source_ref",
                    "conflicts with " + holder + ": same source and source_ref, different record");
        }

        @Override
        public String toString() {
            return "line " + line + (field.isEmpty() ? "" : ": " + field) + ": " + reason;
        }
    }

    private record Key(String source, String sourceRef) {
    }

    /** Adds the records and problems of {@code stream}, read to its end. */
    public static RecordBatch of(RecordStream stream) {
        RecordBatch batch = new RecordBatch();
        for (var chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
            for (int i = 0; i < chunk.get().size(); i++) {
                batch.add(chunk.get().lines()[i], chunk.get().records().get(i));
            }
        }
        stream.problems().forEach(batch::problem);
        return batch;
    }

    public void problem(LineProblem problem) {
        problems.add(problem);
    }

    public void add(int line, RecordSubmission record) {
        Key key = new Key(record.source(), record.sourceRef());
        RecordSubmission earlier = byKey.putIfAbsent(key, record);
        if (earlier == null) {
            firstLine.put(key, line);
            records.add(record);
        } else if (!earlier.equals(record)) {
            problems.add(LineProblem.conflict(line, "line " + firstLine.get(key)));
        }
    }

    public boolean accepted() {
        return problems.isEmpty();
    }

    /** The distinct records, in file order; meaningful only when {@link #accepted()}. */
    public List<RecordSubmission> records() {
        return List.copyOf(records);
    }

    /** Every problem, in line order (a line's own problems in the order they were found). */
    public List<LineProblem> problems() {
        return problems.stream().sorted(Comparator.comparingInt(LineProblem::line)).toList();
    }
}
