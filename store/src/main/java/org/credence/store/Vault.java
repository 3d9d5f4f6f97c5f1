package org.credence.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identity at rest: subject ids are stored as keyed hashes (HMAC-SHA-256), which the store can look up
 * by but nobody can reverse without the key, and names and raw ids are sealed with AES-256-GCM so they
 * can be shown again to those entitled to see them. A copy of the database alone reveals no identity.
 *
 * <p>Two independent keys, so that the lookup key and the encryption key can be rotated apart. Both
 * live outside the database (see the key file); this class only uses them and is thread-safe.
 */
public final class Vault {

    public static final int KEY_BYTES = 32;
    /** Bytes of a subject hash; its hex is twice as long. */
    public static final int HASH_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Bytes a sealed value takes beyond its plaintext: its nonce and tag. */
    private static final int SEAL_OVERHEAD = NONCE_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] NO_CONTEXT = {};

    private final SecretKeySpec hashKey;
    private final SecretKeySpec sealKey;
    // Looking up a cipher costs more than sealing a short value with it (measured: about 1.3 µs against
    // 0.5 µs), and reading a million records back opens a million values, so instances are reused. Not
    // per thread: requests run on virtual threads that live for one request each, so a thread-local
    // built a Mac for nearly every decision. Instances are lent from a queue and given back after use.
    private final Queue<Mac> macs = new ConcurrentLinkedQueue<>();
    private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

    public Vault(byte[] hashKey, byte[] sealKey) {
        if (hashKey.length != KEY_BYTES || sealKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("vault keys are " + KEY_BYTES + " bytes each");
        }
        this.hashKey = new SecretKeySpec(hashKey.clone(), "HmacSHA256");
        this.sealKey = new SecretKeySpec(sealKey.clone(), "AES");
    }

    /** Fresh random keys: for a new data directory (and for tests). */
    public static Vault random() {
        byte[] a = new byte[KEY_BYTES];
        byte[] b = new byte[KEY_BYTES];
        RANDOM.nextBytes(a);
        RANDOM.nextBytes(b);
        return new Vault(a, b);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private Mac mac() {
        Mac mac = macs.poll();
        return mac != null ? mac : newMac();
    }

    private Cipher cipher() {
        Cipher cipher = ciphers.poll();
        return cipher != null ? cipher : newCipher();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is required of every Java platform", e);
        }
    }

    /**
     * The keyed hash of a subject id, in hex: equal ids give equal hashes under the same key. It is
     * HMAC-SHA-256 cut to its first {@value #HASH_BYTES} bytes: 128 bits keep accidental collisions out
     * of reach for any population (odds under 10^-20 among 1.4 billion ids), and every key of the audit
     * trail's index by subject is half the size: when records were rows with an index by subject, the
     * 256-bit key cost that index about a quarter of the bulk append rate.
     */
    public String subjectHash(String subjectId) {
        Mac mac = mac();
        try {
            return HexFormat.of().formatHex(mac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8)), 0, HASH_BYTES);
        } finally {
            macs.offer(mac);
        }
    }

    /** {@code plaintext} sealed as nonce, ciphertext and tag; a fresh nonce every time. */
    public byte[] seal(String plaintext) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), NO_CONTEXT);
    }

    /** The plaintext of {@code sealed}; fails when it was sealed under another key or altered. */
    public String open(byte[] sealed) {
        return new String(open(sealed, NO_CONTEXT), StandardCharsets.UTF_8);
    }

    /**
     * {@code plaintext} sealed as nonce, ciphertext and tag, bound to {@code context} (authenticated, not
     * stored): it opens only with the same context, so a sealed value moved to another place, whose
     * context differs, is refused instead of read as that place's.
     */
    public byte[] seal(byte[] plaintext, byte[] context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            ciphers.offer(cipher);
        }
    }

    /** The plaintext of {@code sealed} under {@code context}; fails when sealed under another key or context, or altered. */
    public byte[] open(byte[] sealed, byte[] context) {
        return open(sealed, 0, sealed.length, context);
    }

    /** As {@link #open(byte[], byte[])}, for the sealed value at {@code offset}, {@code length} bytes long. */
    public byte[] open(byte[] sealed, int offset, int length, byte[] context) {
        if (length < SEAL_OVERHEAD) {
            throw new IllegalArgumentException("not a sealed value");
        }
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_BYTES));
            cipher.updateAAD(context);
            return cipher.doFinal(sealed, offset + NONCE_BYTES, length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value does not open under this key: wrong key file, or altered data", e);
        } finally {
            ciphers.offer(cipher);
        }
    }
}
