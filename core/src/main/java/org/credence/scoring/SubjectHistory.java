package org.credence.scoring;

import org.credence.record.RecordState;

/**
 * A subject's records reduced to what scoring needs: record id, type index into the {@link Rulebook},
 * the day it occurred and the day it expires (epoch days), its state, and the day an open dispute
 * against it began ({@link #NEVER} when none).
 *
 * <p>A disputed record keeps counting while the dispute is open, for at most
 * {@link #DISPUTE_DEADLINE_DAYS}: an agency that cannot verify an item within that time loses it until
 * the dispute is resolved, as consumer-credit law requires of unverified items. The suspension is a
 * known future change, so it bounds the record like an expiry ({@link #countsUntil}).
 *
 * <p>Why it is packed into ints. The hot index holds tens of millions of these, and a decision reads
 * one per call; as objects with an array per field each would cost a hundred bytes and half a dozen
 * cache misses. Instead a history is a <em>block</em> of ints inside an array that may hold many
 * blocks (the index's arena), and this class is a view of one block. The layout:
 * <pre>
 *   [count]                          number of records, n
 *   [id, occurred, word] × n         id: the store's record id, unsigned 32 bits
 *                                    occurred: epoch day
 *                                    word: type (12 bits) | state (2) | disputed (1) | expiry (17)
 *   [dispute day] × (disputed ones)  in record order, one per record whose disputed bit is set
 * </pre>
 * The expiry is kept as days after the occurrence ({@link #NO_EXPIRY} for none), which with 17 bits
 * allows 358 years; the catalog caps an expiry at a century and a catalog at 4,096 record types, so
 * every catalogued record fits. A record is 12 bytes; an open dispute adds 4.
 *
 * <p>Blocks are never changed once published: a change yields a new block, so readers on other
 * threads never see a half-applied update and never lock. Records are kept sorted by (occurred day,
 * record id). No result depends on that order; it only makes explanations list records the same way
 * every time.
 *
 * <p>{@link Rulebook} reads blocks through the static accessors, with the array and the block's start
 * as arguments, so that a decision over the index allocates no view at all.
 */
public final class SubjectHistory {

    /** {@link #expiresDay} of a record that never expires; {@link #disputedDay} of an undisputed one. */
    public static final int NEVER = Integer.MAX_VALUE;

    /** Days an open dispute may stay unresolved before its record stops counting. */
    public static final int DISPUTE_DEADLINE_DAYS = 30;

    /** The most record types a rulebook may have: the type's share of a record's word. */
    public static final int MAX_TYPES = 1 << 12;

    /** The longest expiry, in days after the occurrence, that a record's word can hold. */
    public static final int MAX_EXPIRY_DAYS = (1 << 17) - 2;

    static final int INTS_PER_RECORD = 3;
    private static final int TYPE_MASK = MAX_TYPES - 1;
    private static final int STATE_SHIFT = 12;
    private static final int DISPUTED_BIT = 1 << 14;
    private static final int EXPIRY_SHIFT = 15;
    private static final int NO_EXPIRY = (1 << 17) - 1;
    private static final RecordState[] STATES = RecordState.values();

    /** The history of a subject with no records: every result is the scale's base. */
    public static final SubjectHistory EMPTY = new SubjectHistory(new int[] {0}, 0);

    private final int[] data;
    private final int base;

    private SubjectHistory(int[] data, int base) {
        this.data = data;
        this.base = base;
    }

    /** A view of the block starting at {@code base} in {@code data}; the block must not change after. */
    public static SubjectHistory view(int[] data, int base) {
        return new SubjectHistory(data, base);
    }

    /** The array holding this history's block. */
    public int[] data() {
        return data;
    }

    /** Where this history's block starts in {@link #data()}. */
    public int base() {
        return base;
    }

    /** The ints the block takes. */
    public int length() {
        return length(data, base);
    }

    public static int length(int[] d, int b) {
        int n = size(d, b);
        int disputes = 0;
        for (int i = 0; i < n; i++) {
            if ((word(d, b, i) & DISPUTED_BIT) != 0) {
                disputes++;
            }
        }
        return 1 + INTS_PER_RECORD * n + disputes;
    }

    public int size() {
        return size(data, base);
    }

    public long recordId(int i) {
        return recordId(data, base, i);
    }

    /** Whether a record numbered {@code firstId} or more is here: one of a write that began there. */
    public boolean holdsFrom(long firstId) {
        for (int i = 0, n = size(); i < n; i++) {
            if (recordId(i) >= firstId) {
                return true;
            }
        }
        return false;
    }

    /** The ids of every record, in this history's order. */
    public long[] recordIds() {
        long[] ids = new long[size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = recordId(i);
        }
        return ids;
    }

    public int type(int i) {
        return recordType(data, base, i);
    }

    public int occurredDay(int i) {
        return occurredDay(data, base, i);
    }

    public int expiresDay(int i) {
        return expiresDay(data, base, i);
    }

    public RecordState state(int i) {
        return state(data, base, i);
    }

    /** The day an open dispute against record {@code i} began, or {@link #NEVER}. */
    public int disputedDay(int i) {
        return disputedDay(data, base, i);
    }

    static int size(int[] d, int b) {
        return d[b];
    }

    static long recordId(int[] d, int b, int i) {
        return Integer.toUnsignedLong(d[b + 1 + INTS_PER_RECORD * i]);
    }

    static RecordState state(int[] d, int b, int i) {
        return STATES[(word(d, b, i) >>> STATE_SHIFT) & 3];
    }

    static int occurredDay(int[] d, int b, int i) {
        return d[b + 2 + INTS_PER_RECORD * i];
    }

    private static int word(int[] d, int b, int i) {
        return d[b + 3 + INTS_PER_RECORD * i];
    }

    static int recordType(int[] d, int b, int i) {
        return word(d, b, i) & TYPE_MASK;
    }

    static int expiresDay(int[] d, int b, int i) {
        int expiry = word(d, b, i) >>> EXPIRY_SHIFT;
        return expiry == NO_EXPIRY ? NEVER : occurredDay(d, b, i) + expiry;
    }

    static int disputedDay(int[] d, int b, int i) {
        if ((word(d, b, i) & DISPUTED_BIT) == 0) {
            return NEVER;
        }
        int n = size(d, b);
        int at = b + 1 + INTS_PER_RECORD * n;
        for (int k = 0; k < i; k++) {
            if ((word(d, b, k) & DISPUTED_BIT) != 0) {
                at++;
            }
        }
        return d[at];
    }

    /** Whether record {@code i} is neither annulled nor repaired. */
    static boolean counts(int[] d, int b, int i) {
        return (word(d, b, i) & (3 << STATE_SHIFT)) == 0;
    }

    /**
     * The first day record {@code i} stops counting as things stand: its expiry, or the day an open
     * dispute passes its deadline, whichever comes first.
     */
    static int countsUntil(int[] d, int b, int i) {
        int expires = expiresDay(d, b, i);
        if ((word(d, b, i) & DISPUTED_BIT) == 0) {
            return expires;
        }
        return Math.min(expires, disputedDay(d, b, i) + DISPUTE_DEADLINE_DAYS);
    }

    /**
     * Whether record {@code i} counts on {@code day}: occurred, not expired, neither annulled nor
     * repaired, and not suspended by a dispute past its deadline.
     */
    static boolean activeOn(int[] d, int b, int i, int day) {
        return counts(d, b, i) && occurredDay(d, b, i) <= day && day < countsUntil(d, b, i);
    }

    /** This history with one more record; a record id already present is left as it was. */
    public SubjectHistory with(long id, int type, int occurredDay, int expiresDay, RecordState state) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("record id " + id + " is outside the 32 bits a history holds");
        }
        if (type < 0 || type >= MAX_TYPES) {
            throw new IllegalArgumentException("record type index " + type + " is outside 0.." + (MAX_TYPES - 1));
        }
        long expiry = expiresDay == NEVER ? NO_EXPIRY : (long) expiresDay - occurredDay;
        if (expiry < 0 || (expiresDay != NEVER && expiry > MAX_EXPIRY_DAYS)) {
            throw new IllegalArgumentException("expiry " + expiry + " days after the occurrence is outside 0.." + MAX_EXPIRY_DAYS);
        }
        if (indexOf(id) >= 0) {
            return this;
        }
        int n = size();
        int at = 0;
        while (at < n && (occurredDay(at) < occurredDay || (occurredDay(at) == occurredDay && recordId(at) < id))) {
            at++;
        }
        int[] next = new int[length() + INTS_PER_RECORD];
        next[0] = n + 1;
        int recordsBefore = INTS_PER_RECORD * at;
        System.arraycopy(data, base + 1, next, 1, recordsBefore);
        int r = 1 + recordsBefore;
        next[r] = (int) id;
        next[r + 1] = occurredDay;
        next[r + 2] = type | (state.ordinal() << STATE_SHIFT) | ((int) expiry << EXPIRY_SHIFT);
        // The records after the new one, then the dispute days, which keep their order.
        System.arraycopy(data, base + 1 + recordsBefore, next, r + INTS_PER_RECORD, length() - 1 - recordsBefore);
        return new SubjectHistory(next, 0);
    }

    /** This history with record {@code id} in {@code state}; unchanged when the id is unknown. */
    public SubjectHistory withState(long id, RecordState state) {
        int i = indexOf(id);
        if (i < 0 || state(i) == state) {
            return this;
        }
        int[] next = copy();
        int w = 1 + INTS_PER_RECORD * i + 2;
        next[w] = (next[w] & ~(3 << STATE_SHIFT)) | (state.ordinal() << STATE_SHIFT);
        return new SubjectHistory(next, 0);
    }

    /**
     * This history with an open dispute against record {@code id} since {@code day}, or with none when
     * {@code day} is {@link #NEVER}; unchanged when the id is unknown.
     */
    public SubjectHistory withDispute(long id, int day) {
        int i = indexOf(id);
        if (i < 0 || disputedDay(i) == day) {
            return this;
        }
        int n = size();
        int[] days = new int[n];
        for (int k = 0; k < n; k++) {
            days[k] = k == i ? day : disputedDay(k);
        }
        int disputes = 0;
        for (int dispute : days) {
            disputes += dispute == NEVER ? 0 : 1;
        }
        int[] next = new int[1 + INTS_PER_RECORD * n + disputes];
        System.arraycopy(data, base, next, 0, 1 + INTS_PER_RECORD * n);
        int at = 1 + INTS_PER_RECORD * n;
        for (int k = 0; k < n; k++) {
            int w = 1 + INTS_PER_RECORD * k + 2;
            if (days[k] == NEVER) {
                next[w] &= ~DISPUTED_BIT;
            } else {
                next[w] |= DISPUTED_BIT;
                next[at++] = days[k];
            }
        }
        return new SubjectHistory(next, 0);
    }

    /**
     * This history as it stood before record {@code firstId} was stored: without the records numbered
     * {@code firstId} or more, ids being handed out in order, and with the disputes of the others.
     */
    public SubjectHistory before(long firstId) {
        int n = size();
        int kept = 0;
        int disputes = 0;
        for (int i = 0; i < n; i++) {
            if (recordId(i) < firstId) {
                kept++;
                disputes += (word(data, base, i) & DISPUTED_BIT) != 0 ? 1 : 0;
            }
        }
        if (kept == n) {
            return this;
        }
        if (kept == 0) {
            return EMPTY;
        }
        int[] next = new int[1 + INTS_PER_RECORD * kept + disputes];
        next[0] = kept;
        int r = 1;
        int at = 1 + INTS_PER_RECORD * kept;
        for (int i = 0; i < n; i++) {
            if (recordId(i) < firstId) {
                System.arraycopy(data, base + 1 + INTS_PER_RECORD * i, next, r, INTS_PER_RECORD);
                r += INTS_PER_RECORD;
                if ((word(data, base, i) & DISPUTED_BIT) != 0) {
                    next[at++] = disputedDay(i);
                }
            }
        }
        return new SubjectHistory(next, 0);
    }

    private int[] copy() {
        int[] copy = new int[length()];
        System.arraycopy(data, base, copy, 0, copy.length);
        return copy;
    }

    private int indexOf(long id) {
        for (int i = 0, n = size(); i < n; i++) {
            if (recordId(i) == id) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SubjectHistory[");
        for (int i = 0, n = size(); i < n; i++) {
            s.append(i == 0 ? "" : ", ").append(recordId(i));
        }
        return s.append(']').toString();
    }
}
