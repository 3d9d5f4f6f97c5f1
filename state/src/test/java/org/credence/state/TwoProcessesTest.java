package org.credence.state;

import static org.credence.state.StateFixtures.NOW;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.credence.store.sqlite.SqliteStore;
import org.credence.testing.Catalogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server and another process on one data directory, each with its own store and state, as a
 * command-line import beside a server has. The server's store is reached through an
 * {@link InterposedStore}, which does as the real one unless a test steps in.
 */
abstract class TwoProcessesTest {

    @TempDir
    Path dataDir;

    /** The running server's store, its interposed view, and its state. */
    SqliteStore serverStore;
    InterposedStore interposed;
    CreditState server;
    /** Another process on the same directory. */
    SqliteStore otherStore;
    CreditState other;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        serverStore = SqliteStore.open(dataDir);
        interposed = new InterposedStore(serverStore);
        server = CreditState.load(interposed, serverStore, Catalogs.cityCatalog(), clock);
        otherStore = SqliteStore.open(dataDir);
        other = CreditState.load(otherStore, otherStore, Catalogs.cityCatalog(), clock);
    }

    @AfterEach
    void close() {
        otherStore.close();
        serverStore.close();
    }
}
