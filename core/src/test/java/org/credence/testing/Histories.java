package org.credence.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.credence.record.RecordState;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;

/**
 * Builds a {@link SubjectHistory} from (record type code, date) facts under a {@link Rulebook}, so
 * that tests speak in catalog codes and dates rather than type indices and epoch days.
 */
public final class Histories {

    /** One record as scoring sees it. */
    public record Fact(long id, String type, LocalDate occurredAt, RecordState state) {

        public Fact(long id, String type, LocalDate occurredAt) {
            this(id, type, occurredAt, RecordState.RECORDED);
        }
    }

    private final Rulebook rulebook;
    private final List<Fact> facts = new ArrayList<>();
    private long nextId = 1;

    private Histories(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    public static Histories under(Rulebook rulebook) {
        return new Histories(rulebook);
    }

    /** A recorded fact of {@code type} on {@code date}, with the next record id. */
    public Histories add(String type, String date) {
        return add(type, LocalDate.parse(date), RecordState.RECORDED);
    }

    public Histories add(String type, LocalDate date) {
        return add(type, date, RecordState.RECORDED);
    }

    public Histories add(String type, String date, RecordState state) {
        return add(type, LocalDate.parse(date), state);
    }

    public Histories add(String type, LocalDate date, RecordState state) {
        facts.add(new Fact(nextId++, type, date, state));
        return this;
    }

    /** {@code count} recorded facts of {@code type} on {@code date}. */
    public Histories times(int count, String type, String date) {
        for (int i = 0; i < count; i++) {
            add(type, date);
        }
        return this;
    }

    public SubjectHistory build() {
        return of(rulebook, facts);
    }

    /** The history holding {@code facts}, inserted in the order given. */
    public static SubjectHistory of(Rulebook rulebook, List<Fact> facts) {
        SubjectHistory history = SubjectHistory.EMPTY;
        for (Fact fact : facts) {
            history = with(rulebook, history, fact);
        }
        return history;
    }

    public static SubjectHistory with(Rulebook rulebook, SubjectHistory history, Fact fact) {
        int type = rulebook.typeIndex(fact.type())
                .orElseThrow(() -> new IllegalArgumentException("no record type " + fact.type()));
        int occurred = (int) fact.occurredAt().toEpochDay();
        return history.with(fact.id(), type, occurred, rulebook.expiresDay(type, occurred), fact.state());
    }
}
