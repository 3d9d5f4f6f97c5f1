package org.credence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class VaultTest {

    private static final byte[] HASH_KEY = bytes(1);
    private static final byte[] SEAL_KEY = bytes(2);

    private static byte[] bytes(int seed) {
        byte[] key = new byte[Vault.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    /** HMAC-SHA-256 under the hash key, cut to its first 16 bytes, by a Mac of its own. */
    private static String expectedHash(String id) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HASH_KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, Vault.HASH_BYTES);
    }

    @Test
    void aSubjectHashIsTheCutHmacOfItsIdUnderTheHashKey() throws Exception {
        Vault vault = new Vault(HASH_KEY, SEAL_KEY);
        assertThat(vault.subjectHash("11010519491231002X")).isEqualTo(expectedHash("11010519491231002X"))
                .hasSize(2 * Vault.HASH_BYTES);
        assertThat(new Vault(bytes(3), SEAL_KEY).subjectHash("11010519491231002X"))
                .isNotEqualTo(vault.subjectHash("11010519491231002X"));
    }

    @Test
    void aSealedValueOpensOnlyUnderItsKeyAndContextAndUnaltered() {
        Vault vault = new Vault(HASH_KEY, SEAL_KEY);
        byte[] context = "record 7".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = vault.seal("Zhang Wei".getBytes(StandardCharsets.UTF_8), context);

        assertThat(new String(vault.open(sealed, context), StandardCharsets.UTF_8)).isEqualTo("Zhang Wei");
        assertThatThrownBy(() -> vault.open(sealed, "record 8".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Vault(HASH_KEY, bytes(4)).open(sealed, context))
                .isInstanceOf(IllegalStateException.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(altered, context)).isInstanceOf(IllegalStateException.class);
        // A failed opening leaves nothing behind in the instance that is lent next.
        assertThat(vault.open(vault.seal("Li Na"))).isEqualTo("Li Na");
    }

    @Test
    void manyThreadsAtOnceEachGetTheirOwnAnswers() throws Exception {
        Vault vault = new Vault(HASH_KEY, SEAL_KEY);
        List<Future<List<String>>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 200; t++) {
                int task = t;
                futures.add(threads.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        String id = "subject-" + task + "-" + i;
                        if (!vault.subjectHash(id).equals(expectedHash(id))) {
                            problems.add("hash of " + id);
                        }
                        if (!vault.open(vault.seal(id)).equals(id)) {
                            problems.add("seal of " + id);
                        }
                    }
                    return problems;
                }));
            }
        }
        for (Future<List<String>> future : futures) {
            assertThat(future.get()).isEmpty();
        }
    }
}
