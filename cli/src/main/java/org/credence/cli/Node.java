package org.credence.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.credence.catalog.Catalog;
import org.credence.catalog.CatalogReader;
import org.credence.formats.CatalogYaml;
import org.credence.api.ApiServer;
import org.credence.state.CreditState;
import org.credence.state.Rights;
import org.credence.store.AuditLog;
import org.credence.store.CatalogStore;
import org.credence.store.KeyFile;
import org.credence.store.sqlite.SqliteStore;
import org.credence.subject.IdSchemes;

/**
 * The composition root: one data directory opened into the objects that serve it, built by hand in
 * the order they depend on each other — store, active catalog, state. Every command that reads or
 * writes a data directory goes through here, so the server and the CLI see the same wiring.
 */
final class Node implements AutoCloseable {

    final Path dataDir;
    final SqliteStore store;
    final CreditState state;
    final Rights rights;
    final IdSchemes ids = IdSchemes.standard();
    final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    // Set by the serving thread, read by the shutdown hook's.
    private volatile ScheduledExecutorService follower;
    // Only the follower's thread reads and writes it.
    private Refused refused;

    private Node(Path dataDir, SqliteStore store, CreditState state, Clock clock) {
        this.dataDir = dataDir;
        this.store = store;
        this.state = state;
        this.rights = new Rights(state);
        this.clock = clock;
    }

    /** Opens a data directory that already has an active catalog. */
    static Node open(Path dataDir, Clock clock) {
        if (!Files.isDirectory(dataDir)) {
            throw new UserError("no data directory at " + dataDir + " (create one with: credence catalog load FILE --data "
                    + dataDir + ")");
        }
        SqliteStore store = SqliteStore.open(dataDir, KeyFile.defaultLocation(dataDir), clock);
        try {
            Catalog catalog = activeCatalog(store, dataDir);
            return new Node(dataDir, store, CreditState.load(store, store, catalog, clock), clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Catalog activeCatalog(CatalogStore catalogs, Path dataDir) {
        return parse(catalogs.active().orElseThrow(() -> new UserError(
                "no catalog is loaded in " + dataDir + " (load one with: credence catalog load FILE --data " + dataDir + ")")));
    }

    private static Catalog parse(CatalogStore.CatalogVersion active) {
        return switch (CatalogYaml.read(active.source())) {
            case CatalogReader.Valid valid -> valid.catalog();
            case CatalogReader.Invalid invalid -> throw new UserError("the active catalog " + active.catalogId() + " v"
                    + active.version() + " no longer validates: " + invalid.problems().getFirst());
        };
    }

    /** What the HTTP server serves from. */
    ApiServer.Backend backend() {
        return new ApiServer.Backend(state, rights, store, store, store.audit(), store.vault(), ids, clock, Optional.empty());
    }

    /**
     * Audits what the command line did, as the operating-system user running it: the CLI is an
     * operator's tool, and its writes and reads belong in the trail like any client's.
     */
    AuditLog.AuditEntry audit(String action, Optional<String> subjectId, String purpose, String outcome) {
        return Cli.audit(store, clock, action, subjectId, purpose, outcome).join();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * From now on, keeps the hot index up with what other processes write to this data directory,
     * looking every {@code every}: the records they store (a command-line import beside the server),
     * and the catalog they make active (a catalog load), under which the index is then rebuilt. Tells
     * {@code report} what it did, and what went wrong, if anything did (it looks again next time).
     */
    void follow(Duration every, Consumer<String> report) {
        if (follower != null || closed.get()) {
            throw new IllegalStateException("the node follows its store once, while open");
        }
        follower = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("credence-follower").daemon().factory());
        follower.scheduleWithFixedDelay(() -> {
            try {
                Optional<String> notServed = followCatalog(report);
                long started = System.nanoTime();
                long applied = state.follow();
                if (applied > 0) {
                    report.accept(String.format(Locale.ROOT, "index: applied %d record%s stored by another process (%.1f s)",
                            applied, applied == 1 ? "" : "s", seconds(started)));
                }
                state.behind(notServed);
            } catch (RuntimeException e) {
                state.behind(Optional.of("the last look at the store failed: " + e));
                report.accept("index: could not follow the store (trying again): " + e);
            } catch (Error e) {
                // An Error ends the schedule; it is said, and shown on /health, before it does.
                state.behind(Optional.of("the server stopped following the store: " + e));
                report.accept("index: stopped following the store: " + e);
                throw e;
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Serves the catalog another process made active, if it is not served yet; returns why the active
     * version is not served, while this server refuses it. The index is then under an older version
     * than the store's, and the store takes no records checked under that one: so it is said on
     * {@code /health}, and to whoever submits records.
     */
    private Optional<String> followCatalog(Consumer<String> report) {
        Optional<CatalogStore.CatalogVersion> active = store.active();
        Catalog serving = state.snapshot().rulebook().catalog();
        if (refused != null && active.isPresent() && active.get().equals(refused.version())) {
            return Optional.of(refused.why());
        }
        if (active.isEmpty() || (active.get().catalogId().equals(serving.id()) && active.get().version() == serving.version())) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try {
            Catalog catalog = parse(active.get());
            state.switchTo(catalog);
        } catch (RuntimeException e) {
            // Said once, not on every look, and not tried again on every look: a rebuild reads every
            // stored record. The version stays refused until another one is made active.
            String version = active.get().catalogId() + " v" + active.get().version();
            String why = "catalog " + version + " is active, but this server serves " + serving.id() + " v"
                    + serving.version() + ": " + (e instanceof UserError
                            ? e.getMessage() + " (a restart would fail on it too: make a valid version active)"
                            : "the index could not be rebuilt under it (" + e + "; a restart or another catalog load tries again)");
            refused = new Refused(active.get(), why);
            report.accept("catalog: still serving " + serving.id() + " v" + serving.version() + ": " + refused.why());
            return Optional.of(refused.why());
        }
        refused = null;
        report.accept(String.format(Locale.ROOT, "catalog: now serving %s v%d, the index rebuilt under it in %.1f s",
                active.get().catalogId(), active.get().version(), seconds(started)));
        return Optional.empty();
    }

    /** An active catalog version this server could not serve, and why: said on every look until another is active. */
    private record Refused(CatalogStore.CatalogVersion version, String why) {
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Closes the store once, whether the command or the shutdown hook gets here first. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (follower != null) {
                // Cancels the next look and waits for one under way, however long a large catch-up takes:
                // the store must outlive it.
                follower.close();
            }
            store.close();
        }
    }
}
