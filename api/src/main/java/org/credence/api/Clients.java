package org.credence.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.credence.store.ApiKey;
import org.credence.store.AuditLog;
import org.credence.store.KeyStore;
import org.credence.store.Role;

/**
 * Client keys: issuing them and recognising them. Only a key's SHA-256 is stored; the secret is shown
 * once, at creation. Known keys are remembered in memory so that authenticating a request costs one
 * hash and one map look-up; an unknown hash is looked up in the store (a key may have been created by
 * another process) before the request is refused.
 */
public final class Clients {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore keys;
    private final ConcurrentHashMap<String, ApiKey> known = new ConcurrentHashMap<>();

    public Clients(KeyStore keys) {
        this.keys = keys;
    }

    /**
     * Creates a key and returns its secret, which is never stored. {@code audit} makes the creation's
     * entry from its description ({@link #describe}), stored with the key.
     */
    public static String issue(KeyStore keys, String name, Role role, Set<String> scopes, Optional<String> subject, Instant now,
                               Function<String, AuditLog.AuditEvent> audit) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "cr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        keys.create(new ApiKey(hash(key), name, role, scopes, subject, now), audit.apply(describe(name, role, scopes)));
        return key;
    }

    /** A new key as the audit trail names it: role, name and scopes, never the secret. */
    private static String describe(String name, Role role, Set<String> scopes) {
        return role.code() + " key '" + name + "'" + (scopes.isEmpty() ? "" : " scoped to " + String.join(",", scopes));
    }

    /** The client presenting {@code key}, if it is a known key. */
    public Optional<ApiKey> recognise(String key) {
        String hash = hash(key);
        ApiKey client = known.get(hash);
        if (client != null) {
            return Optional.of(client);
        }
        Optional<ApiKey> stored = keys.byHash(hash);
        stored.ifPresent(k -> known.put(hash, k));
        return stored;
    }

    static String hash(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
