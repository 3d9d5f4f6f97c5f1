package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.credence.store.sqlite.Fixtures.T0;
import static org.credence.store.sqlite.Fixtures.T1;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.credence.store.AuditLog;
import org.credence.store.ApiKey;
import org.credence.store.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteKeyStoreTest {

    private static final AuditLog.AuditEvent CREATED = Fixtures.entry("key.create");

    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    @TempDir
    Path dataDir;

    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCreatedKeyIsFoundByItsHash() {
        ApiKey court = new ApiKey(HASH_A, "beijing-court", Role.AGENCY,
                Set.of("judgment_unperformed", "court.contempt"), Optional.empty(), T0);
        ApiKey bank = new ApiKey(HASH_B, "city-bank", Role.PARTNER, Set.of(), Optional.empty(), T1);

        store.create(court, CREATED);
        store.create(bank, CREATED);

        assertThat(store.byHash(HASH_A)).contains(court);
        assertThat(store.byHash(HASH_B)).contains(bank);
        assertThat(store.byHash("c".repeat(64))).isEmpty();
        assertThat(store.all()).containsExactly(court, bank);
    }

    @Test
    void aNameInUseIsRefused() {
        store.create(new ApiKey(HASH_A, "operator", Role.OPERATOR, Set.of(), Optional.empty(), T0), CREATED);

        assertThatThrownBy(() -> store.create(new ApiKey(HASH_B, "operator", Role.AUDITOR, Set.of(), Optional.empty(), T1), CREATED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operator");
        assertThat(store.all()).hasSize(1);
        assertThat(store.byHash(HASH_B)).isEmpty();
    }

    @Test
    void aSecretInUseIsRefused() {
        store.create(new ApiKey(HASH_A, "first", Role.OPERATOR, Set.of(), Optional.empty(), T0), CREATED);

        assertThatThrownBy(() -> store.create(new ApiKey(HASH_A, "second", Role.AUDITOR, Set.of(), Optional.empty(), T1), CREATED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aScopeWithASpaceIsRefused() {
        assertThatThrownBy(() -> store.create(new ApiKey(HASH_A, "odd", Role.AGENCY, Set.of("two words"), Optional.empty(), T0), CREATED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubjectKeyKeepsItsSubject() {
        String subjectId = Fixtures.personId(7);
        ApiKey subject = new ApiKey(HASH_A, "subject-7", Role.SUBJECT, Set.of(), Optional.of(subjectId), T0);
        store.create(subject, CREATED);
        store.close();

        store = SqliteStore.open(dataDir);

        assertThat(store.byHash(HASH_A)).contains(subject);
        assertThat(store.all()).containsExactly(subject);
    }

    @Test
    void keysSurviveReopening() {
        ApiKey auditor = new ApiKey(HASH_A, "auditor", Role.AUDITOR, Set.of(), Optional.empty(), T0);
        store.create(auditor, CREATED);
        store.close();

        store = SqliteStore.open(dataDir);

        assertThat(store.byHash(HASH_A)).contains(auditor);
    }
}
