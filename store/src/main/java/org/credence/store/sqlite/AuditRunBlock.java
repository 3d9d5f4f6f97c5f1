package org.credence.store.sqlite;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A block of a run of the index by subject ({@link AuditSubjectRuns}): rows in key order (subject,
 * time, number), as one value of {@code audit_run_blocks}.
 *
 * <p>Most rows of a block share their entry with others (a batch's thousand decisions are one entry),
 * and nearly every subject is a keyed hash in lowercase hex. So the body lists the block's entries once,
 * each its time's length and UTF-8 bytes as the trail stores it and its number, and then the rows
 * grouped by subject: the subject (a tag byte, then 16 bytes for 32 hex digits, or else its length and
 * ASCII bytes), the group's count of rows, and for each row the index of its entry in the list.
 * Lengths, counts and indexes take 4 bytes, numbers 8, all big-endian. A row of a batch then takes
 * about 25 bytes in a run of level 0, whose blocks draw on a few entries, and up to about 60 in a
 * merged run, where a block's rows come from nearly as many entries; a row of SQLite took some 85.
 */
final class AuditRunBlock {

    private static final byte HEX = 1;
    private static final byte TEXT = 0;
    private static final HexFormat LOWER_HEX = HexFormat.of();

    /**
     * One row of the index: an entry's number, its time as stored, and a subject it concerns, with the
     * subject's first nine characters as a number ({@code lead}) that orders rows as their subjects do
     * wherever those characters differ.
     */
    record Row(String subject, String at, long seq, long lead) {

        Row(String subject, String at, long seq) {
            this(subject, at, seq, lead(subject));
        }

        /**
         * Whether two rows are about one subject: the leads first, which are in the rows themselves, where
         * the subjects' characters are two references away (comparing those was a tenth of a flush).
         */
        boolean sameSubject(Row other) {
            return lead == other.lead && subject.equals(other.subject);
        }

        /** Seven bits a character, for the ASCII that indexed subjects are; 63 bits, so never negative. */
        private static long lead(String subject) {
            long lead = 0;
            for (int i = 0; i < 9; i++) {
                lead = lead << 7 | (i < subject.length() ? subject.charAt(i) & 0x7f : 0);
            }
            return lead;
        }
    }

    /**
     * Key order: subject, then time as stored text, then number (text compared as SQLite's BINARY does,
     * for ASCII). Written out, and by the subject's lead first, rather than composed from key
     * extractors: a flush sorts some 65,000 rows, and the composed comparator's calls through three
     * lambdas to the subjects' bytes were a third of the keeper's time.
     */
    static final Comparator<Row> ORDER = (a, b) -> {
        if (a.lead() != b.lead()) {
            return Long.compare(a.lead(), b.lead());
        }
        int bySubject = a.subject().compareTo(b.subject());
        if (bySubject != 0) {
            return bySubject;
        }
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Long.compare(a.seq(), b.seq());
    };

    private AuditRunBlock() {
    }

    /**
     * Whether a subject, or a time as stored, can be indexed: only ASCII sorts alike here and in SQLite
     * (a block's key is compared in both), and only tampering makes other text.
     */
    static boolean indexable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The body of {@code rows}, which are in key order. */
    static byte[] encode(List<Row> rows) {
        // An entry's number names it, time and all: the list of entries is keyed by number alone, in a
        // table of open addressing (a map of boxed numbers cost a fifth of the keeper's time).
        int slots = Integer.highestOneBit(Math.max(1, rows.size()) * 2) * 2;
        long[] numbers = new long[slots];
        int[] positions = new int[slots];
        Arrays.fill(positions, -1);
        List<Row> entries = new ArrayList<>();
        List<byte[]> times = new ArrayList<>();
        int[] indexes = new int[rows.size()];
        // Each subject's key is made once: the groups' keys, and where each group starts.
        byte[][] keys = new byte[rows.size()][];
        int[] starts = new int[rows.size() + 1];
        int groups = 0;
        int size = 4;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int slot = (int) mix(row.seq()) & (slots - 1);
            while (positions[slot] >= 0 && numbers[slot] != row.seq()) {
                slot = (slot + 1) & (slots - 1);
            }
            if (positions[slot] < 0) {
                numbers[slot] = row.seq();
                positions[slot] = entries.size();
                entries.add(row);
                byte[] at = row.at().getBytes(StandardCharsets.UTF_8);
                times.add(at);
                size += 4 + at.length + 8;
            }
            indexes[i] = positions[slot];
            if (i == 0 || !row.sameSubject(rows.get(i - 1))) {
                keys[groups] = key(row.subject());
                starts[groups++] = i;
                size += keys[groups - 1].length + 4;
            }
            size += 4;
        }
        starts[groups] = rows.size();
        ByteBuffer body = ByteBuffer.allocate(size);
        body.putInt(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            body.putInt(times.get(i).length).put(times.get(i)).putLong(entries.get(i).seq());
        }
        for (int group = 0; group < groups; group++) {
            body.put(keys[group]).putInt(starts[group + 1] - starts[group]);
            for (int i = starts[group]; i < starts[group + 1]; i++) {
                body.putInt(indexes[i]);
            }
        }
        return body.array();
    }

    private static long mix(long seq) {
        long h = seq * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** Every row of a body, in key order. */
    static List<Row> decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        Row[] entries = entries(in);
        List<Row> rows = new ArrayList<>();
        while (in.hasRemaining()) {
            String subject = subject(in);
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                Row entry = entries[in.getInt()];
                rows.add(new Row(subject, entry.at(), entry.seq()));
            }
        }
        return rows;
    }

    /**
     * Adds to {@code found} the rows of {@code subject} whose time is at or after {@code from} and before
     * {@code to} (times compared as stored text, which sorts as time does).
     */
    static void collect(byte[] body, String subject, String from, String to, List<Row> found) {
        if (!indexable(subject)) {
            // No block holds it, and its key would be some other subject's: ASCII has no 'é'.
            return;
        }
        byte[] key = key(subject);
        ByteBuffer in = ByteBuffer.wrap(body);
        // Where each entry starts; only the subject's own are read as text.
        int[] offsets = new int[in.getInt()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.position();
            in.position(in.position() + 4 + in.getInt() + 8);
        }
        while (in.hasRemaining()) {
            int start = in.position();
            in.position(start + (body[start] == HEX ? 17 : 5 + in.getInt(start + 1)));
            boolean match = Arrays.equals(body, start, in.position(), key, 0, key.length);
            int count = in.getInt();
            if (!match) {
                in.position(in.position() + 4 * count);
                continue;
            }
            for (int i = 0; i < count; i++) {
                int offset = offsets[in.getInt()];
                int length = in.getInt(offset);
                String at = new String(body, offset + 4, length, StandardCharsets.UTF_8);
                if (at.compareTo(from) >= 0 && at.compareTo(to) < 0) {
                    found.add(new Row(subject, at, in.getLong(offset + 4 + length)));
                }
            }
            return;
        }
    }

    private static Row[] entries(ByteBuffer in) {
        Row[] entries = new Row[in.getInt()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Row("", text(in, StandardCharsets.UTF_8), in.getLong());
        }
        return entries;
    }

    private static boolean hex(String subject) {
        if (subject.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (nibble(subject.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A lowercase hex digit's value, or -1. */
    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** A subject as a body stores it: a tag, then 16 bytes for 32 hex digits, or else its length and ASCII bytes. */
    private static byte[] key(String subject) {
        if (hex(subject)) {
            byte[] key = new byte[17];
            key[0] = HEX;
            for (int i = 0; i < 32; i += 2) {
                key[1 + i / 2] = (byte) (nibble(subject.charAt(i)) << 4 | nibble(subject.charAt(i + 1)));
            }
            return key;
        }
        byte[] ascii = subject.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(5 + ascii.length).put(TEXT).putInt(ascii.length).put(ascii).array();
    }

    private static String subject(ByteBuffer in) {
        if (in.get() == HEX) {
            byte[] bytes = new byte[16];
            in.get(bytes);
            return LOWER_HEX.formatHex(bytes);
        }
        return text(in, StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuffer in, Charset charset) {
        int length = in.getInt();
        String text = new String(in.array(), in.position(), length, charset);
        in.position(in.position() + length);
        return text;
    }
}
