package org.credence.state;

/**
 * A subject id packed exactly, without loss, into 95 bits: a {@code long} and an {@code int}, so that
 * the hot index holds no id strings and compares keys with two integer comparisons.
 *
 * <p>Two shapes cover the reference jurisdiction's schemes. A string of 17 decimal digits and a final
 * digit or {@code X} (a resident identity number's shape) keeps the digits as a number below 10^17 in
 * the long, with the last character (0-9, X as 10) in the long's top bits, and 0 in the int. An 18-character string over the unified
 * social credit code's 31-character alphabet keeps its last 12 characters as a base-31 number below
 * 31^12 (under 2^60) in the long, and its first 6 as one below 31^6 (under 2^30) in the int, with bit
 * 30 set to tell the shapes apart. Both are exact, so two different strings never share a key, and
 * {@link #decode} gives the string back. The packing says nothing about validity or kind: it is about
 * strings, and ids of any other shape (another jurisdiction's schemes) are simply not packable.
 */
final class IdKey {

    /** {@link #hi} of a string neither shape fits. */
    static final int UNPACKABLE = -1;

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int CODE_TAG = 1 << 30;
    private static final byte[] VALUE = new byte[128];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private IdKey() {
    }

    /** The int half of the key, or {@link #UNPACKABLE}; 0 for a person's shape. */
    static int hi(String id) {
        return person(id) >= 0 ? 0 : codeHi(id);
    }

    /** The long half of the key of a packable id, whose {@link #hi} is {@code hi}. */
    static long lo(String id, int hi) {
        return hi == 0 ? person(id) : codeLo(id);
    }

    /**
     * The whole key's long for a string of a person's shape (its int is 0): the 17 digits as a number
     * below 10^17 (57 bits), the last character's value (0-9, X as 10) above them; -1 for any other
     * string. One pass, and the number is put together from chunks that do not depend on each other,
     * so the processor works on them at once instead of waiting on one chain of seventeen
     * multiplications: this is what a hit costs beyond its cache misses.
     */
    static long person(String id) {
        if (id.length() != 18) {
            return -1;
        }
        char last = id.charAt(17);
        int check = last == 'X' ? 10 : last >= '0' && last <= '9' ? last - '0' : -1;
        long a = decimal(id, 0, 5);
        long b = decimal(id, 5, 9);
        long c = decimal(id, 9, 13);
        long d = decimal(id, 13, 17);
        if ((a | b | c | d | check) < 0) {
            return -1;
        }
        return ((long) check << 57) | (((a * 10_000 + b) * 10_000 + c) * 10_000 + d);
    }

    /** The key's int for an 18-character string over the code alphabet (not of a person's shape), or {@link #UNPACKABLE}. */
    static int codeHi(String id) {
        if (id.length() != 18) {
            return UNPACKABLE;
        }
        int first = base31(id, 0, 6);
        return first < 0 || base31(id, 6, 12) < 0 || base31(id, 12, 18) < 0 ? UNPACKABLE : CODE_TAG | first;
    }

    /** The key's long for a string whose {@link #codeHi} is not {@link #UNPACKABLE}. */
    static long codeLo(String id) {
        return (long) base31(id, 6, 12) * POWER_31_6 + base31(id, 12, 18);
    }

    private static final long POWER_31_6 = 31L * 31 * 31 * 31 * 31 * 31;
    private static final long DIGITS = (1L << 57) - 1;

    /** The decimal value of characters {@code from} to {@code to}, or a negative number when one is not a digit. */
    private static long decimal(String id, int from, int to) {
        long value = 0;
        int bad = 0;
        for (int i = from; i < to; i++) {
            int c = id.charAt(i) - '0';
            bad |= c | (9 - c);
            value = value * 10 + c;
        }
        return bad < 0 ? -1 : value;
    }

    /** The base-31 value of characters {@code from} to {@code to} (at most 6), or -1 when one is outside the alphabet. */
    private static int base31(String id, int from, int to) {
        int value = 0;
        int bad = 0;
        for (int i = from; i < to; i++) {
            int v = value(id.charAt(i));
            bad |= v;
            value = value * 31 + v;
        }
        return bad < 0 ? -1 : value;
    }

    /** The id whose key is ({@code lo}, {@code hi}). */
    static String decode(long lo, int hi) {
        return new String(decode(lo, hi, new char[18]));
    }

    /** {@code decode(lo, hi).hashCode()}, without making the string: for rehashing a whole table. */
    static int stringHash(long lo, int hi, char[] scratch) {
        decode(lo, hi, scratch);
        int h = 0;
        for (char c : scratch) {
            h = 31 * h + c;
        }
        return h;
    }

    private static char[] decode(long lo, int hi, char[] id) {
        if (hi == 0) {
            int check = (int) (lo >>> 57);
            long digits = lo & DIGITS;
            for (int i = 16; i >= 0; i--) {
                id[i] = (char) ('0' + digits % 10);
                digits /= 10;
            }
            id[17] = check == 10 ? 'X' : (char) ('0' + check);
        } else {
            for (int i = 17; i >= 6; i--) {
                id[i] = ALPHABET.charAt((int) (lo % 31));
                lo /= 31;
            }
            int first = hi & ~CODE_TAG;
            for (int i = 5; i >= 0; i--) {
                id[i] = ALPHABET.charAt(first % 31);
                first /= 31;
            }
        }
        return id;
    }

    /**
     * A well-mixed 64-bit hash of a string's {@link String#hashCode} (MurmurHash3's finalizer). The
     * index hashes the string, not the key, because the string caches its hash, so a look-up of an
     * absent id never has to pack it. The finalizer matters: ids are alike and so are their string
     * hashes, and a weaker mix leaves clusters that double the length of a probe.
     */
    static long mix(int stringHash) {
        long h = stringHash * 0x9E37_79B9_7F4A_7C15L;
        h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return h ^ (h >>> 33);
    }

    private static int value(char c) {
        return c < 128 ? VALUE[c] : -1;
    }
}
