package org.credence.store.sqlite;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.record.SubjectRef;
import org.credence.store.StoreException;
import org.credence.store.Vault;
import org.credence.subject.SubjectKind;

/**
 * The records one write stored together, kept as one row of {@code record_blocks}: the ids
 * {@code firstId} to {@code firstId + count - 1} in one encoded body.
 *
 * <h2>Why blocks</h2>
 *
 * <p>A row per record, with its audit entry as another row, cost an import about 700 bytes and 20 µs
 * of the one writing thread per record: 21 values bound through native calls, a B-tree insert per
 * row and per index entry, and every page written twice, to the write-ahead log and back into the
 * file. SQLite's own rate for those two rows was under 70,000 records a second, a quarter of what a
 * country's ingestion needs. A block of up to {@value #MAX_RECORDS} records is one row: the writer
 * pays one insert, 60 to 70 bytes a record, and three seals a block instead of three a record; a block
 * of sealed ids opens in one pass, which is what start-up spends its time on.
 *
 * <p>What rows gave, blocks still give. A record is found by id: a block covers a range, found as the
 * greatest first id at or below it. The idempotency key is kept per record in {@code record_refs},
 * which is all the unique index on (source, source_ref) was. The one thing that changes, a record's
 * state, lives in {@code record_states}, a row only for records annulled or repaired. So a block never
 * changes once written, and the audit entry of the write that stored it carries the SHA-256 of its
 * body: the trail now proves the records unchanged, not only the entries.
 *
 * <p>A record is read by opening its whole block, some 50 kB of ciphertext for a full one (ids some
 * 20 kB), tens of microseconds; that is paid by a subject's file and a dispute, never by a decision,
 * which the hot index answers.
 *
 * <h2>The encoding (version 1)</h2>
 * <pre>
 * body     = "CRB1" first_id:8 V(count) T(recorded_at) V(n) n×T(string)
 *            count×record  S(ids) S(names) S(details)
 * record   = V(source) T(source_ref) V(type) Z(occurred epoch day) flags:1
 * flags    = 1 organization | 2 named | 4 has details
 * S(x)     = V(length) and the bytes of x sealed with AES-256-GCM (nonce, ciphertext, tag), its
 *            associated data the body up to the first S and then section:1 (ids 0, names 1, details
 *            2): a section opens in no other block or place, and not once a clear fact is changed
 * ids      = count×T(subject id); names = T(name) for each named record; details = T(canonical JSON)
 *            for each record with details, in record order
 * V        = unsigned LEB128; Z = zigzag, then V; T(text) = V(UTF-8 length) and the bytes;
 * first_id:8 big-endian; source and type are indexes into the strings
 * </pre>
 */
final class RecordBlock {

    /** Records per block at most: a full block's sections open in tens of microseconds. */
    static final int MAX_RECORDS = 1_024;

    private static final byte[] MAGIC = {'C', 'R', 'B', '1'};
    private static final int ORGANIZATION = 1;
    private static final int NAMED = 2;
    private static final int DETAILED = 4;
    private static final int IDS = 0;
    private static final int NAMES = 1;
    private static final int DETAILS = 2;

    private final long firstId;
    private final int count;
    private final String recordedAt;
    private final String[] strings;
    private final int[] sources;
    private final int[] refAt;
    private final int[] types;
    private final int[] days;
    private final byte[] flags;
    private final byte[] body;
    private final int[] sectionAt = new int[3];
    private int clearEnd;
    private final int[] sectionLength = new int[3];

    private RecordBlock(long firstId, int count, String recordedAt, String[] strings, byte[] body) {
        this.firstId = firstId;
        this.count = count;
        this.recordedAt = recordedAt;
        this.strings = strings;
        this.sources = new int[count];
        this.refAt = new int[count];
        this.types = new int[count];
        this.days = new int[count];
        this.flags = new byte[count];
        this.body = body;
    }

    /** The body of a block of {@code records}, numbered from {@code firstId}, with their personal fields sealed. */
    static byte[] encode(long firstId, String recordedAt, List<RecordSubmission> records, Vault vault) {
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("a block holds 1 to " + MAX_RECORDS + " records, not " + records.size());
        }
        List<String> strings = new ArrayList<>();
        Writer clear = new Writer(records.size() * 24);
        Writer ids = new Writer(records.size() * 20);
        Writer names = new Writer(records.size() * 12);
        Writer details = new Writer(records.size() * 20);
        for (RecordSubmission record : records) {
            clear.varint(number(record.source(), strings));
            clear.text(record.sourceRef());
            clear.varint(number(record.type(), strings));
            clear.varint(zigzag(record.occurredAt().toEpochDay()));
            SubjectRef subject = record.subject();
            clear.write((subject.kind() == SubjectKind.ORGANIZATION ? ORGANIZATION : 0)
                    | (subject.name().isPresent() ? NAMED : 0) | (record.details().isPresent() ? DETAILED : 0));
            ids.text(subject.id());
            subject.name().ifPresent(names::text);
            record.details().ifPresent(details::text);
        }
        Writer out = new Writer(clear.size + ids.size + names.size + details.size + 256);
        out.bytes(MAGIC, 0, MAGIC.length);
        out.long8(firstId);
        out.varint(records.size());
        out.text(recordedAt);
        out.varint(strings.size());
        strings.forEach(out::text);
        out.bytes(clear.buffer, 0, clear.size);
        byte[] prefix = out.toArray();
        out.sealed(vault.seal(ids.toArray(), context(prefix, IDS)));
        out.sealed(vault.seal(names.toArray(), context(prefix, NAMES)));
        out.sealed(vault.seal(details.toArray(), context(prefix, DETAILS)));
        return out.toArray();
    }

    /** Reads a body's clear part; the sealed sections are opened on demand. Fails naming what is wrong. */
    static RecordBlock read(byte[] body) {
        Reader in = new Reader(body);
        try {
            for (byte b : MAGIC) {
                if (in.read() != b) {
                    throw new IllegalArgumentException("not a record block of version 1");
                }
            }
            long firstId = in.long8();
            int count = in.count(MAX_RECORDS);
            if (count == 0) {
                throw new IllegalArgumentException("a block of no records");
            }
            String recordedAt = in.text();
            String[] strings = new String[in.count(2 * MAX_RECORDS)];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = in.text();
            }
            RecordBlock block = new RecordBlock(firstId, count, recordedAt, strings, body);
            for (int i = 0; i < count; i++) {
                block.sources[i] = in.index(strings.length);
                block.refAt[i] = in.at;
                in.skipText();
                block.types[i] = in.index(strings.length);
                block.days[i] = Math.toIntExact(unzigzag(in.varint()));
                block.flags[i] = (byte) in.read();
                if ((block.flags[i] & ~(ORGANIZATION | NAMED | DETAILED)) != 0) {
                    throw new IllegalArgumentException("record " + (firstId + i) + " has flags this version does not know");
                }
            }
            block.clearEnd = in.at;
            for (int section = IDS; section <= DETAILS; section++) {
                block.sectionLength[section] = in.count(body.length);
                block.sectionAt[section] = in.at;
                in.skip(block.sectionLength[section]);
            }
            if (in.at != body.length) {
                throw new IllegalArgumentException((body.length - in.at) + " bytes after the last section");
            }
            return block;
        } catch (IllegalArgumentException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
            throw new StoreException("a record block does not decode: " + e.getMessage(), e);
        }
    }

    long firstId() {
        return firstId;
    }

    long lastId() {
        return firstId + count - 1;
    }

    int count() {
        return count;
    }

    String recordedAt() {
        return recordedAt;
    }

    /** The {@code i}th record's type code. */
    String type(int i) {
        return strings[types[i]];
    }

    /** The {@code i}th record's occurrence, as an epoch day. */
    int occurredDay(int i) {
        return days[i];
    }

    SubjectKind kind(int i) {
        return (flags[i] & ORGANIZATION) != 0 ? SubjectKind.ORGANIZATION : SubjectKind.PERSON;
    }

    /** Every record's subject id, in record order. */
    String[] subjectIds(Vault vault) {
        Reader ids = section(vault, IDS);
        String[] opened = new String[count];
        for (int i = 0; i < count; i++) {
            opened[i] = ids.text();
        }
        ids.end();
        return opened;
    }

    /** Every record's subject name, null where it gave none; organizations' only if {@code organizationsOnly}. */
    String[] names(Vault vault, boolean organizationsOnly) {
        return optional(vault, NAMES, NAMED, organizationsOnly);
    }

    /** The {@code i}th record's subject name, opening the names alone; empty when it gave none. */
    Optional<String> name(Vault vault, int i) {
        return (flags[i] & NAMED) == 0 ? Optional.empty() : Optional.of(names(vault, false)[i]);
    }

    /** Whether any organization's record here names it: only then need start-up open the names. */
    boolean namesAnOrganization() {
        for (byte f : flags) {
            if ((f & (ORGANIZATION | NAMED)) == (ORGANIZATION | NAMED)) {
                return true;
            }
        }
        return false;
    }

    /** Every record's details, null where it has none. */
    String[] details(Vault vault) {
        return optional(vault, DETAILS, DETAILED, false);
    }

    private String[] optional(Vault vault, int section, int flag, boolean organizationsOnly) {
        Reader values = section(vault, section);
        String[] opened = new String[count];
        for (int i = 0; i < count; i++) {
            if ((flags[i] & flag) != 0) {
                String value = values.text();
                if (!organizationsOnly || (flags[i] & ORGANIZATION) != 0) {
                    opened[i] = value;
                }
            }
        }
        values.end();
        return opened;
    }

    /** The block's records, each in the state {@code states} gives (recorded when absent). */
    List<StoredRecord> records(Vault vault, Map<Long, RecordState> states) {
        String[] ids = subjectIds(vault);
        String[] names = names(vault, false);
        String[] details = details(vault);
        Instant recorded = Timestamps.parse(recordedAt);
        List<StoredRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RecordSubmission submission = new RecordSubmission(source(i), sourceRef(i),
                    new SubjectRef(ids[i], kind(i), Optional.ofNullable(names[i])), type(i),
                    LocalDate.ofEpochDay(days[i]), Optional.ofNullable(details[i]));
            long id = firstId + i;
            records.add(new StoredRecord(id, submission, recorded, states.getOrDefault(id, RecordState.RECORDED)));
        }
        return records;
    }

    /** The {@code i}th record's source. */
    String source(int i) {
        return strings[sources[i]];
    }

    /** The {@code i}th record's reference at its source. */
    String sourceRef(int i) {
        Reader in = new Reader(body);
        in.at = refAt[i];
        return in.text();
    }

    private Reader section(Vault vault, int section) {
        byte[] plain;
        try {
            plain = vault.open(body, sectionAt[section], sectionLength[section],
                    context(Arrays.copyOf(body, clearEnd), section));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new StoreException("the sealed fields of records " + firstId + " to " + lastId()
                    + " do not open: wrong key file, or altered data", e);
        }
        return new Reader(plain);
    }

    private static byte[] context(byte[] prefix, int section) {
        byte[] context = Arrays.copyOf(prefix, prefix.length + 1);
        context[prefix.length] = (byte) section;
        return context;
    }

    /**
     * {@code text}'s index among {@code strings}, added when new. A block meets a handful of sources and
     * types, and record types are the catalog's own strings, so a scan that tries identity first beats
     * hashing a fresh string per record (measured: a map was a third of the encoding).
     */
    private static int number(String text, List<String> strings) {
        for (int i = 0; i < strings.size(); i++) {
            if (strings.get(i) == text) {
                return i;
            }
        }
        for (int i = 0; i < strings.size(); i++) {
            if (strings.get(i).equals(text)) {
                return i;
            }
        }
        strings.add(text);
        return strings.size() - 1;
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** A growing byte buffer with the encoding's primitives. */
    private static final class Writer {
        byte[] buffer;
        int size;

        Writer(int capacity) {
            buffer = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buffer[size++] = (byte) value;
        }

        void long8(long value) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buffer[size++] = (byte) (value >>> (56 - 8 * i));
            }
        }

        void text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            bytes(utf8, 0, utf8.length);
        }

        void sealed(byte[] sealed) {
            varint(sealed.length);
            bytes(sealed, 0, sealed.length);
        }

        void bytes(byte[] source, int from, int length) {
            ensure(length);
            System.arraycopy(source, from, buffer, size, length);
            size += length;
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    /** Reads the encoding's primitives, refusing anything past the end as malformed. */
    private static final class Reader {
        final byte[] buffer;
        int at;

        Reader(byte[] buffer) {
            this.buffer = buffer;
        }

        int read() {
            if (at >= buffer.length) {
                throw new IllegalArgumentException("ends early");
            }
            return buffer[at++];
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a number longer than 64 bits");
        }

        /** A count or length, at most {@code max}. */
        int count(int max) {
            long value = varint();
            if (value < 0 || value > max) {
                throw new IllegalArgumentException("a count of " + value + " where at most " + max + " fit");
            }
            return (int) value;
        }

        int index(int strings) {
            int index = count(Integer.MAX_VALUE);
            if (index >= strings) {
                throw new IllegalArgumentException("string " + index + " of " + strings);
            }
            return index;
        }

        long long8() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (read() & 0xFF);
            }
            return value;
        }

        String text() {
            int length = count(buffer.length - at);
            String text = new String(buffer, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }

        void skipText() {
            skip(count(buffer.length - at));
        }

        void skip(int length) {
            if (length > buffer.length - at) {
                throw new IllegalArgumentException("ends early");
            }
            at += length;
        }

        /** Checks a section was read to its end. */
        void end() {
            if (at != buffer.length) {
                throw new StoreException("a record block's sealed section holds " + (buffer.length - at)
                        + " bytes more than its records");
            }
        }
    }
}
