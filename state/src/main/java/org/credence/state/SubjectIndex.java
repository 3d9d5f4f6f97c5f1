package org.credence.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.credence.record.RecordState;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.credence.store.RecordStore;
import org.credence.subject.SubjectKind;

/**
 * The hot index: for every subject with records, its kind and {@link SubjectHistory}, in memory, so
 * that a decision never touches the store. It is derived state: built from the store's records under
 * one catalog version and rebuilt when the catalog changes.
 *
 * <p>Why it is built this way. A country has tens of millions of subjects with records and partners
 * ask about them on every sale, so the index must be small and a look-up must touch little memory.
 * A map of id strings to objects costs hundreds of bytes and half a dozen dependent cache misses per
 * subject. Here an id is packed exactly into a long and an int ({@link IdKey}); the table is one
 * {@code long[]} of open-addressed slots, two longs each: the key's long, then the key's int, the
 * subject's kind and where its history starts; and every history is a block of packed ints
 * ({@link SubjectHistory}) in an arena of large {@code int[]} chunks. About 62 bytes per subject with
 * three records.
 *
 * <p>Most ids asked about have no records (nine in ten, in a population like a country's), so the
 * miss must be cheapest. Beside the slots is a byte per slot, as in Swiss tables: zero for an empty
 * slot, otherwise seven bits of the id's hash. The hash is the string's own {@link String#hashCode},
 * which the string computes once and keeps, so a probe reads only the small byte array, which stays
 * in cache, and packs the id only when a byte matches. A hit then costs the slot and the block: two
 * cache misses, nothing allocated. Subjects without records are not stored: their answer is the
 * scale's base, whatever their id.
 *
 * <p>Concurrency without locks for readers. Writers are serialised ({@code synchronized}). A block is
 * never changed once written: a new record, dispute or state writes the subject's whole new block at
 * the end of the arena, then publishes it by writing the slot's second long with release semantics
 * (and, for a new subject, the slot's byte after that); a reader reads the byte and that long with
 * acquire semantics, so it sees the key and the block complete, either the old one or the new one. Slots are only ever filled, never moved or emptied, so a probe cannot
 * miss a subject that is being written. When the table must grow, or the arena has more dead blocks
 * than live ones, a writer builds new arrays beside the old and publishes them in one volatile write
 * of {@link Tables}; a reader still on the old arrays sees a consistent, slightly older index.
 *
 * <p>Ids that {@link IdKey} cannot pack (another jurisdiction's schemes) go to an ordinary concurrent
 * map beside the table, with the same slot meaning; they work, at the speed of a map.
 */
public final class SubjectIndex {

    /** One subject: its kind and its history under the index's rulebook. */
    public record Entry(SubjectKind kind, SubjectHistory history) {
    }

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle TAGS = MethodHandles.arrayElementVarHandle(byte[].class);
    /** Eight tags read as one long, so a probe tests a whole group at once. */
    private static final VarHandle TAG_GROUP = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int GROUP = 8;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long SEVEN_BITS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long ORGANIZATION = 1L << 63;
    private static final int CHUNK_BITS = 24;
    /** The most ints an arena chunk holds (64 MiB); a block never spans two. */
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Chunks an arena may have: the position's other 8 bits. */
    private static final int MAX_CHUNKS = 1 << (32 - CHUNK_BITS);
    private static final int MIN_CAPACITY = 1024;
    private static final double MAX_LOAD = 0.8;
    private static final double LOAD_AFTER_GROWTH = 0.6;
    /** Close to the limit: a compacted index is usually one just loaded, which changes little after. */
    private static final double LOAD_AFTER_COMPACTION = 0.75;
    /** The first id of no write: a record applied as at start, whose write tells no one. */
    private static final long NOT_A_WRITE = Long.MAX_VALUE;

    /**
     * The arrays a reader needs, published together. {@code slots[2s]} is the key's long;
     * {@code slots[2s + 1]} is the key's int (bits 32–62), the organization bit (63) and the block's
     * position in the arena (bits 0–31). {@code tags[s]} is 0 for an empty slot, otherwise the
     * {@link #tag} of the id's hash; the array has {@link #GROUP} more bytes, copies of its first,
     * so that a group read near the end needs no wrapping.
     */
    private record Tables(long[] slots, byte[] tags, int capacity, int[][] chunks, ConcurrentHashMap<String, Long> unpackable) {
        Tables(int capacity) {
            this(new long[2 * capacity], new byte[capacity + GROUP], capacity, new int[MAX_CHUNKS][], new ConcurrentHashMap<>());
        }
    }

    private final Rulebook rulebook;
    private final Function<long[], Optional<String>> personNames;
    private volatile Tables tables;
    // Guarded by this: where the writer appends, and the ints of the blocks reachable from the table.
    private Arena arena;
    private long liveInts;
    /** Bytes of arena allocated, for {@link #bytes()} without the writer's lock. */
    private volatile long arenaBytes;
    private final ConcurrentHashMap<String, String> organizationNames = new ConcurrentHashMap<>();
    // Written by the writer only; volatile so that counts are read without the writer's lock.
    private volatile int size;
    private volatile long records;
    private volatile long uncatalogued;

    /**
     * An empty index under {@code rulebook}. Organization names are public and searchable, so the
     * index keeps them; a person's name is read through {@code personNames} (the store, given the ids of
     * the person's records) when a page needs it, which keeps millions of names out of memory.
     */
    public SubjectIndex(Rulebook rulebook, Function<long[], Optional<String>> personNames) {
        this(rulebook, personNames, new Tables(MIN_CAPACITY), null);
    }

    /** An index over {@code tables}, appending through {@code arena}, or a new arena over their chunks. */
    private SubjectIndex(Rulebook rulebook, Function<long[], Optional<String>> personNames, Tables tables, Arena arena) {
        this.rulebook = rulebook;
        this.personNames = personNames;
        this.tables = tables;
        this.arena = arena == null ? new Arena(tables.chunks) : arena;
    }

    public Rulebook rulebook() {
        return rulebook;
    }

    /**
     * A copy of this index for a large write to apply its records to while they are not yet durable,
     * so that applying them overlaps storing them; the write's owner puts the draft in this index's
     * place once the write is durable, or drops it. Readers of this index never see the draft's
     * records.
     *
     * <p>The draft costs a copy of the table (17 bytes a slot: 230 MB at 10 M subjects, a tenth of a
     * second), not of the histories: it shares the arena's chunks, appending where this index would
     * append next, which no slot of this index points to. So while a draft is out this index must not
     * be written; once it is dropped, this index's next blocks overwrite what the draft appended,
     * unseen by anyone.
     */
    public synchronized SubjectIndex draft() {
        Tables t = tables;
        Tables copy = new Tables(t.slots.clone(), t.tags.clone(), t.capacity, t.chunks.clone(),
                new ConcurrentHashMap<>(t.unpackable));
        SubjectIndex draft = new SubjectIndex(rulebook, personNames, copy, arena.over(copy.chunks));
        draft.liveInts = liveInts;
        draft.arenaBytes = arenaBytes;
        draft.organizationNames.putAll(organizationNames);
        draft.size = size;
        draft.records = records;
        draft.uncatalogued = uncatalogued;
        return draft;
    }

    /**
     * The decision for subject {@code id} on {@code policy}'s action on epoch day {@code day}: the
     * partners' hot path, which allocates nothing.
     */
    public Decision decide(String id, Rulebook.ActionPolicy policy, int day) {
        Tables t = tables;
        long meta = meta(t, id);
        if (meta == 0) {
            return rulebook.decide(SubjectHistory.EMPTY, policy, day);
        }
        int at = (int) meta;
        return rulebook.decide(t.chunks[at >>> CHUNK_BITS], at & (CHUNK - 1), policy, day);
    }

    public Optional<Entry> subject(String id) {
        Tables t = tables;
        long meta = meta(t, id);
        return meta == 0 ? Optional.empty() : Optional.of(entry(t, meta));
    }

    /** The subject's history, empty for a subject with no records. */
    public SubjectHistory history(String id) {
        Tables t = tables;
        long meta = meta(t, id);
        return meta == 0 ? SubjectHistory.EMPTY : entry(t, meta).history();
    }

    /** The latest name given for the subject; empty when no record named it. */
    public Optional<String> name(String id) {
        String organization = organizationNames.get(id);
        if (organization != null) {
            return Optional.of(organization);
        }
        return subject(id).filter(e -> e.kind() == SubjectKind.PERSON).flatMap(e -> personNames.apply(e.history().recordIds()));
    }

    /**
     * Adds a stored record. A record whose type the active catalog no longer has cannot count (only
     * catalogued conduct can), so it is left out and counted in {@link #uncatalogued()}.
     */
    public synchronized void apply(StoredRecord record) {
        applyOfWrite(record, NOT_A_WRITE);
    }

    /** Adds a record read back from the store at start: what {@link #apply(StoredRecord)} needs, without the rest. */
    public synchronized void apply(RecordStore.Fact fact) {
        add(fact.subjectId(), fact.kind(), fact.recordId(), fact.type(), fact.occurredDay(), fact.state(),
                fact.organizationName(), NOT_A_WRITE);
    }

    /**
     * Adds a record of a write whose records are numbered from {@code firstId} on; true when it is the
     * first of them to count for its subject, the subject's history holding none of them yet (a record
     * of a type the catalog lacks never counts, so it is never the first). A write learns from this
     * which subjects its records changed, in the order changed, without a set of its own beside the
     * index: at 10 M records such a set cost a fifth of applying them.
     */
    public synchronized boolean applyOfWrite(StoredRecord record, long firstId) {
        SubjectRef subject = record.submission().subject();
        return add(subject.id(), subject.kind(), record.id(), record.submission().type(),
                (int) record.submission().occurredAt().toEpochDay(), record.state(),
                subject.kind() == SubjectKind.ORGANIZATION ? subject.name() : Optional.empty(), firstId);
    }

    /**
     * Whether the record is the subject's first from {@code firstId} on; false when it cannot count, and
     * for a record of no write ({@link #NOT_A_WRITE}), which is applied as at start, without the look.
     */
    private boolean add(String id, SubjectKind kind, long recordId, String typeCode, int occurredDay, RecordState state,
                        Optional<String> organizationName, long firstId) {
        var type = rulebook.typeIndex(typeCode);
        if (type.isEmpty()) {
            uncatalogued++;
            return false;
        }
        boolean first = false;
        if (firstId == NOT_A_WRITE) {
            apply(id, kind, recordId, type.getAsInt(), occurredDay, state);
        } else {
            first = applyFirstOfWrite(id, kind, recordId, type.getAsInt(), occurredDay, state, firstId);
        }
        organizationName.ifPresent(name -> organizationNames.put(id, name));
        return first;
    }

    /** Adds one record given as its facts; the type is an index into the rulebook. */
    public synchronized void apply(String id, SubjectKind kind, long recordId, int type, int occurredDay, RecordState state) {
        int expires = rulebook.expiresDay(type, occurredDay);
        if (change(id, Optional.of(kind), h -> h.with(recordId, type, occurredDay, expires, state))) {
            records++;
        }
    }

    /**
     * As {@link #apply(String, SubjectKind, long, int, int, RecordState)}; true when the subject's history
     * held no record from {@code firstId} on.
     */
    private boolean applyFirstOfWrite(String id, SubjectKind kind, long recordId, int type, int occurredDay,
                                      RecordState state, long firstId) {
        int expires = rulebook.expiresDay(type, occurredDay);
        boolean[] first = new boolean[1];
        if (change(id, Optional.of(kind), h -> {
            first[0] = !h.holdsFrom(firstId);
            return h.with(recordId, type, occurredDay, expires, state);
        })) {
            records++;
        }
        return first[0];
    }

    /** Marks an open dispute on a record since {@code day} ({@link SubjectHistory#NEVER}: none). */
    synchronized void dispute(String subjectId, long recordId, int day) {
        change(subjectId, Optional.empty(), h -> h.withDispute(recordId, day));
    }

    synchronized void setState(String subjectId, long recordId, RecordState state) {
        change(subjectId, Optional.empty(), h -> h.withState(recordId, state));
    }

    public int subjects() {
        return size;
    }

    public long records() {
        return records;
    }

    public long uncatalogued() {
        return uncatalogued;
    }

    /**
     * Bytes the index holds: its table and tags and every arena chunk allocated, dead blocks and unused
     * room included; not the organization names.
     */
    public long bytes() {
        Tables t = tables;
        return 8L * t.slots.length + t.tags.length + arenaBytes;
    }

    /**
     * Rewrites the arena with only live blocks and sizes the table close to its load limit; for after
     * a bulk load, which leaves a dead block behind every record applied.
     */
    public synchronized void compact() {
        rebuild(Math.max(MIN_CAPACITY, (int) Math.ceil(size / LOAD_AFTER_COMPACTION)), true);
    }

    /** Visits every subject; for statistics and listings, not for the hot path. */
    public void forEach(BiConsumer<String, Entry> visitor) {
        Tables t = tables;
        for (int s = 0; s < t.capacity; s++) {
            if ((byte) TAGS.getAcquire(t.tags, s) != 0) {
                long meta = (long) SLOTS.getAcquire(t.slots, 2 * s + 1);
                visitor.accept(IdKey.decode(t.slots[2 * s], hiOf(meta)), entry(t, meta));
            }
        }
        t.unpackable.forEach((id, meta) -> visitor.accept(id, entry(t, meta)));
    }

    /** Visits every organization that has a name, with it: for searching the public register by name. */
    public void forEachOrganizationName(BiConsumer<String, String> visitor) {
        organizationNames.forEach(visitor);
    }

    /**
     * The slot's second long for {@code id}, or 0. Linear probing, read eight tags at a time: the
     * bytes equal to the id's tag and the empty ones are found with word arithmetic, and only
     * matches before the first empty byte (where the probe sequence ends) are compared in full. The
     * tags are read plainly; the acquire read of a matching slot's long is what orders the reader
     * after the writer, and a tag seen before its slot is complete only makes that slot not match.
     */
    private static long meta(Tables t, String id) {
        long hash = IdKey.mix(id.hashCode());
        long pattern = LOW_BITS * (tag(hash) & 0xFF);
        byte[] tags = t.tags;
        long[] slots = t.slots;
        int capacity = t.capacity;
        int hi = IdKey.UNPACKABLE;
        long lo = 0;
        int at = home(hash, capacity);
        while (true) {
            long group = (long) TAG_GROUP.get(tags, at);
            long empty = zeroBytes(group);
            long matches = zeroBytes(group ^ pattern);
            if (empty != 0) {
                matches &= (empty & -empty) - 1;
            }
            while (matches != 0) {
                int s = at + (Long.numberOfTrailingZeros(matches) >>> 3);
                s = s >= capacity ? s - capacity : s;
                matches &= matches - 1;
                if (hi == IdKey.UNPACKABLE) {
                    lo = IdKey.person(id);
                    hi = lo >= 0 ? 0 : IdKey.codeHi(id);
                    if (hi == IdKey.UNPACKABLE) {
                        return unpackable(t, id);
                    }
                    lo = hi == 0 ? lo : IdKey.codeLo(id);
                }
                long meta = (long) SLOTS.getAcquire(slots, 2 * s + 1);
                if (slots[2 * s] == lo && hiOf(meta) == hi) {
                    return meta;
                }
            }
            if (empty != 0) {
                return unpackable(t, id);
            }
            at += GROUP;
            at = at >= capacity ? at - capacity : at;
        }
    }

    private static long unpackable(Tables t, String id) {
        if (t.unpackable.isEmpty()) {
            return 0;
        }
        Long meta = t.unpackable.get(id);
        return meta == null ? 0 : meta;
    }

    /** The high bit of every byte of {@code x} that is zero, exactly (no borrows between bytes). */
    private static long zeroBytes(long x) {
        return ~(((x & SEVEN_BITS) + SEVEN_BITS) | x | SEVEN_BITS);
    }

    /** Lemire's multiply-shift range reduction of the hash's high half: any capacity, not only powers of two. */
    private static int home(long hash, int capacity) {
        return (int) (((hash >>> 32) * capacity) >>> 32);
    }

    /** Seven low bits of the hash with the high bit set, so never 0, which marks an empty slot. */
    private static byte tag(long hash) {
        return (byte) (hash | 0x80);
    }

    private static int hiOf(long meta) {
        return (int) (meta >>> 32) & Integer.MAX_VALUE;
    }

    private static Entry entry(Tables t, long meta) {
        int at = (int) meta;
        return new Entry(meta < 0 ? SubjectKind.ORGANIZATION : SubjectKind.PERSON,
                SubjectHistory.view(t.chunks[at >>> CHUNK_BITS], at & (CHUNK - 1)));
    }

    /**
     * Stores {@code change} of the subject's history (empty for a new subject) when it is a different
     * history; the kind becomes {@code kind}, or stays as it was. One probe finds both the history and
     * the slot to write. Returns whether anything changed.
     */
    private boolean change(String id, Optional<SubjectKind> kind, UnaryOperator<SubjectHistory> change) {
        int hi = IdKey.hi(id);
        if (hi == IdKey.UNPACKABLE) {
            Tables t = tables;
            Long old = t.unpackable.get(id);
            SubjectHistory before = old == null ? SubjectHistory.EMPTY : entry(t, old).history();
            SubjectHistory after = change.apply(before);
            if (after == before) {
                return false;
            }
            t.unpackable.put(id, kindBit(kind, old == null ? 0 : old) | write(after, 0));
            if (old == null) {
                size++;
            } else {
                liveInts -= before.length();
            }
            afterWrite();
            return true;
        }
        if (size + 1 > MAX_LOAD * tables.capacity) {
            rebuild((int) Math.ceil((size + 1) / LOAD_AFTER_GROWTH), false);
        }
        long lo = IdKey.lo(id, hi);
        long hash = IdKey.mix(id.hashCode());
        byte tag = tag(hash);
        Tables t = tables;
        int s = home(hash, t.capacity);
        while (t.tags[s] != 0 && !(t.tags[s] == tag && t.slots[2 * s] == lo && hiOf(t.slots[2 * s + 1]) == hi)) {
            s = s + 1 == t.capacity ? 0 : s + 1;
        }
        boolean fresh = t.tags[s] == 0;
        long meta = fresh ? 0 : t.slots[2 * s + 1];
        SubjectHistory before = fresh ? SubjectHistory.EMPTY : entry(t, meta).history();
        SubjectHistory after = change.apply(before);
        if (after == before) {
            return false;
        }
        long at = write(after, 0);
        t.slots[2 * s] = lo;
        SLOTS.setRelease(t.slots, 2 * s + 1, kindBit(kind, meta) | ((long) hi << 32) | at);
        if (fresh) {
            setTag(t, s, tag);
            size++;
        } else {
            liveInts -= before.length();
        }
        afterWrite();
        return true;
    }

    /** The organization bit for {@code kind}, or the one {@code meta} already has. */
    private static long kindBit(Optional<SubjectKind> kind, long meta) {
        return kind.map(k -> k == SubjectKind.ORGANIZATION ? ORGANIZATION : 0L).orElse(meta & ORGANIZATION);
    }

    private static void setTag(Tables t, int s, byte tag) {
        TAGS.setRelease(t.tags, s, tag);
        if (s < GROUP) {
            TAGS.setRelease(t.tags, t.capacity + s, tag);
        }
    }

    /** Appends a block to the writer's arena and counts it live; returns where it starts. */
    private long write(SubjectHistory history, long wanted) {
        long at = arena.append(history, wanted);
        liveInts += history.length();
        arenaBytes = 4 * arena.allocated;
        return at;
    }

    /** Compacts when dead blocks outweigh live ones, so the arena stays within about twice what it holds. */
    private void afterWrite() {
        if (arena.written - liveInts > Math.max(liveInts, 1 << 20)) {
            rebuild(tables.capacity, true);
        }
    }

    /**
     * Where a writer appends blocks: the chunks of a {@link Tables}, the chunk being filled and how
     * far. A chunk, once allocated, is never replaced or moved, so a reader holding a position never
     * sees its array change; when a block does not fit, the next chunk is allocated: as many ints as
     * the caller says are still to come (a compaction knows), otherwise a quarter of what the arena
     * has, up to {@link #CHUNK}.
     */
    private static final class Arena {
        final int[][] chunks;
        int chunk;
        /** Position 0 is never used, so that 0 can mean "no subject" in a slot. */
        int within = 1;
        long allocated;
        /** Ints appended since the arena was made, live or dead since. */
        long written;

        Arena(int[][] chunks) {
            this.chunks = chunks;
        }

        /** An arena over {@code chunks}, a copy of this one's, that appends where this one would. */
        Arena over(int[][] chunks) {
            Arena copy = new Arena(chunks);
            copy.chunk = chunk;
            copy.within = within;
            copy.allocated = allocated;
            copy.written = written;
            return copy;
        }

        long append(SubjectHistory history, long wanted) {
            int length = history.length();
            if (length > CHUNK) {
                throw new IllegalStateException("a history of " + length + " ints does not fit an arena chunk");
            }
            if (chunks[chunk] == null || within + length > chunks[chunk].length) {
                if (chunks[chunk] != null) {
                    chunk++;
                    within = 0;
                }
                if (chunk >= MAX_CHUNKS) {
                    throw new IllegalStateException("the hot index's arena is full (" + MAX_CHUNKS + " chunks of up to "
                            + CHUNK + " ints)");
                }
                long size = wanted > 0 ? Math.min(CHUNK, within + Math.max(length, wanted))
                        : Math.min(CHUNK, Math.max(within + length, Math.max(1 << 16, allocated / 4)));
                // Published to readers by the release write of the first slot that points into it.
                chunks[chunk] = new int[(int) size];
                allocated += size;
            }
            System.arraycopy(history.data(), history.base(), chunks[chunk], within, length);
            long at = ((long) chunk << CHUNK_BITS) | within;
            within += length;
            written += length;
            return at;
        }
    }

    /**
     * A new table of {@code capacity} slots, published at once; with {@code compacting}, also a new
     * arena holding only the live blocks, otherwise the new table points into the same arena (growing
     * need not copy the histories).
     */
    private void rebuild(int capacity, boolean compacting) {
        Tables old = tables;
        Tables fresh = compacting ? new Tables(capacity)
                : new Tables(new long[2 * capacity], new byte[capacity + GROUP], capacity, old.chunks, old.unpackable);
        // The writer's state changes only once the new tables are published, so a failure half way
        // (out of memory, say) leaves the index as it was.
        Arena target = compacting ? new Arena(fresh.chunks) : arena;
        long live = 0;
        char[] scratch = new char[18];
        for (int s = 0; s < old.capacity; s++) {
            if (old.tags[s] == 0) {
                continue;
            }
            long meta = old.slots[2 * s + 1];
            long lo = old.slots[2 * s];
            int hi = hiOf(meta);
            long at = meta & 0xFFFF_FFFFL;
            if (compacting) {
                SubjectHistory history = entry(old, meta).history();
                // Chunks sized for what is left to copy, so the new arena ends without unused room.
                at = target.append(history, liveInts - live);
                live += history.length();
            }
            long hash = IdKey.mix(IdKey.stringHash(lo, hi, scratch));
            int to = home(hash, capacity);
            while (fresh.tags[to] != 0) {
                to = to + 1 == capacity ? 0 : to + 1;
            }
            fresh.slots[2 * to] = lo;
            fresh.slots[2 * to + 1] = (meta & ~0xFFFF_FFFFL) | at;
            setTag(fresh, to, tag(hash));
        }
        if (compacting) {
            for (var e : old.unpackable.entrySet()) {
                SubjectHistory history = entry(old, e.getValue()).history();
                fresh.unpackable.put(e.getKey(), (e.getValue() & ORGANIZATION) | target.append(history, liveInts - live));
                live += history.length();
            }
        }
        tables = fresh;
        if (compacting) {
            arena = target;
            liveInts = live;
            arenaBytes = 4 * target.allocated;
        }
    }
}
