package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.credence.store.sqlite.Fixtures.T0;
import static org.credence.store.sqlite.Fixtures.T1;

import java.nio.file.Path;
import java.time.Instant;
import org.credence.store.AuditLog;
import org.credence.store.CatalogStore.CatalogVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogStoreTest {

    private static final AuditLog.AuditEvent LOADED = Fixtures.entry("catalog.load");

    private static final String V1 = "id: city\nversion: 1\n";
    private static final String V2 = "id: city\nversion: 2\n";
    private static final Instant T2 = Instant.parse("2026-04-01T00:00:00Z");

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
    void nothingIsActiveBeforeTheFirstCatalog() {
        assertThat(store.active()).isEmpty();
        assertThat(store.versions()).isEmpty();
    }

    @Test
    void activatingMakesTheVersionTheOnlyActiveOne() {
        CatalogVersion first = store.activate("city", 1, V1, T0, LOADED);
        CatalogVersion second = store.activate("city", 2, V2, T1, LOADED);

        assertThat(first).isEqualTo(new CatalogVersion("city", 1, V1, T0, true));
        assertThat(store.active()).contains(second);
        assertThat(store.versions()).containsExactly(
                new CatalogVersion("city", 1, V1, T0, false),
                new CatalogVersion("city", 2, V2, T1, true));
    }

    @Test
    void loadingTheSameTextAgainReactivatesIt() {
        store.activate("city", 1, V1, T0, LOADED);
        store.activate("city", 2, V2, T1, LOADED);

        CatalogVersion again = store.activate("city", 1, V1, T2, LOADED);

        assertThat(again).isEqualTo(new CatalogVersion("city", 1, V1, T0, true));
        assertThat(store.active()).contains(again);
        assertThat(store.versions()).hasSize(2).filteredOn(CatalogVersion::active).containsExactly(again);
    }

    @Test
    void aPublishedVersionCannotChangeItsText() {
        store.activate("city", 1, V1, T0, LOADED);
        store.activate("city", 2, V2, T1, LOADED);

        assertThatThrownBy(() -> store.activate("city", 1, V1 + "# edited\n", T2, LOADED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("city version 1");

        // The refusal changed nothing, not even which version is active.
        assertThat(store.active().orElseThrow().version()).isEqualTo(2);
        assertThat(store.versions()).extracting(CatalogVersion::source).containsExactly(V1, V2);
    }

    @Test
    void versionsAreListedInLoadOrderWhateverTheirTimestamps() {
        store.activate("city", 2, V2, T1, LOADED);
        store.activate("city", 1, V1, T0, LOADED);

        assertThat(store.versions()).extracting(CatalogVersion::version).containsExactly(2, 1);
    }

    @Test
    void theActiveVersionSurvivesReopening() {
        store.activate("city", 1, V1, T0, LOADED);
        store.activate("county", 1, "id: county\n", T1, LOADED);
        store.close();

        store = SqliteStore.open(dataDir);

        assertThat(store.active()).contains(new CatalogVersion("county", 1, "id: county\n", T1, true));
        assertThat(store.versions()).hasSize(2);
    }
}
