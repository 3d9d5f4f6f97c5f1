package org.credence.scoring;

import java.util.Arrays;
import org.credence.record.RecordState;

/**
 * A subject's records reduced to what scoring needs, in parallel primitive arrays: record id, type
 * index into the {@link Rulebook}, the day it occurred and the day it expires (epoch days), its
 * state, and the day an open dispute against it began ({@link #NEVER} when none).
 *
 * <p>A disputed record keeps counting while the dispute is open, for at most
 * {@link #DISPUTE_DEADLINE_DAYS}: an agency that cannot verify an item within that time loses it until
 * the dispute is resolved, as consumer-credit law requires of unverified items. The suspension is a
 * known future change, so it bounds the record like an expiry ({@link #countsUntil}). Immutable; a change yields a new history, so readers on other threads never see a
 * half-applied update and never lock.
 *
 * <p>Facts are kept sorted by (occurred day, record id). No result depends on that order; it only
 * makes explanations list records the same way every time.
 */
public final class SubjectHistory {

    /** The history of a subject with no records: every result is the scale's base. */
    public static final SubjectHistory EMPTY =
            new SubjectHistory(new long[0], new int[0], new int[0], new int[0], new byte[0], new int[0]);

    /** {@link #expiresDay} of a record that never expires; {@link #disputedDay} of an undisputed one. */
    public static final int NEVER = Integer.MAX_VALUE;

    /** Days an open dispute may stay unresolved before its record stops counting. */
    public static final int DISPUTE_DEADLINE_DAYS = 30;

    private final long[] ids;
    private final int[] types;
    private final int[] occurred;
    private final int[] expires;
    private final byte[] states;
    private final int[] disputed;

    private SubjectHistory(long[] ids, int[] types, int[] occurred, int[] expires, byte[] states, int[] disputed) {
        this.ids = ids;
        this.types = types;
        this.occurred = occurred;
        this.expires = expires;
        this.states = states;
        this.disputed = disputed;
    }

    public int size() {
        return ids.length;
    }

    public long recordId(int i) {
        return ids[i];
    }

    public int type(int i) {
        return types[i];
    }

    public int occurredDay(int i) {
        return occurred[i];
    }

    public int expiresDay(int i) {
        return expires[i];
    }

    public RecordState state(int i) {
        return RecordState.values()[states[i]];
    }

    /** The day an open dispute against record {@code i} began, or {@link #NEVER}. */
    public int disputedDay(int i) {
        return disputed[i];
    }

    boolean counts(int i) {
        return states[i] == 0;
    }

    /**
     * The first day record {@code i} stops counting as things stand: its expiry, or the day an open
     * dispute passes its deadline, whichever comes first.
     */
    int countsUntil(int i) {
        int suspended = disputed[i] == NEVER ? NEVER : disputed[i] + DISPUTE_DEADLINE_DAYS;
        return Math.min(expires[i], suspended);
    }

    /**
     * Whether record {@code i} counts on {@code day}: occurred, not expired, neither annulled nor
     * repaired, and not suspended by a dispute past its deadline.
     */
    boolean activeOn(int i, int day) {
        return states[i] == 0 && occurred[i] <= day && day < countsUntil(i);
    }

    /** This history with one more record; a record id already present is left as it was. */
    public SubjectHistory with(long id, int type, int occurredDay, int expiresDay, RecordState state) {
        if (indexOf(id) >= 0) {
            return this;
        }
        int at = 0;
        while (at < ids.length && (occurred[at] < occurredDay || (occurred[at] == occurredDay && ids[at] < id))) {
            at++;
        }
        int n = ids.length;
        long[] newIds = new long[n + 1];
        int[] newTypes = new int[n + 1];
        int[] newOccurred = new int[n + 1];
        int[] newExpires = new int[n + 1];
        byte[] newStates = new byte[n + 1];
        int[] newDisputed = new int[n + 1];
        insert(ids, newIds, at, id);
        insert(disputed, newDisputed, at, NEVER);
        insert(types, newTypes, at, type);
        insert(occurred, newOccurred, at, occurredDay);
        insert(expires, newExpires, at, expiresDay);
        System.arraycopy(states, 0, newStates, 0, at);
        newStates[at] = (byte) state.ordinal();
        System.arraycopy(states, at, newStates, at + 1, n - at);
        return new SubjectHistory(newIds, newTypes, newOccurred, newExpires, newStates, newDisputed);
    }

    /** This history with record {@code id} in {@code state}; unchanged when the id is unknown. */
    public SubjectHistory withState(long id, RecordState state) {
        int i = indexOf(id);
        if (i < 0 || states[i] == state.ordinal()) {
            return this;
        }
        byte[] newStates = states.clone();
        newStates[i] = (byte) state.ordinal();
        return new SubjectHistory(ids, types, occurred, expires, newStates, disputed);
    }

    /**
     * This history with an open dispute against record {@code id} since {@code day}, or with none when
     * {@code day} is {@link #NEVER}; unchanged when the id is unknown.
     */
    public SubjectHistory withDispute(long id, int day) {
        int i = indexOf(id);
        if (i < 0 || disputed[i] == day) {
            return this;
        }
        int[] newDisputed = disputed.clone();
        newDisputed[i] = day;
        return new SubjectHistory(ids, types, occurred, expires, states, newDisputed);
    }

    private int indexOf(long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static void insert(long[] from, long[] to, int at, long value) {
        System.arraycopy(from, 0, to, 0, at);
        to[at] = value;
        System.arraycopy(from, at, to, at + 1, from.length - at);
    }

    private static void insert(int[] from, int[] to, int at, int value) {
        System.arraycopy(from, 0, to, 0, at);
        to[at] = value;
        System.arraycopy(from, at, to, at + 1, from.length - at);
    }

    @Override
    public String toString() {
        return "SubjectHistory" + Arrays.toString(ids);
    }
}
