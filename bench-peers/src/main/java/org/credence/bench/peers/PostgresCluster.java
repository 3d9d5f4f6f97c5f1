package org.credence.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server run from the machine's own binaries (Debian's {@code postgresql}
 * package), for the peers that measure what an operator would run instead of the hot index.
 *
 * <p>Each cluster is a new data directory under the system temporary directory, listening on a free
 * port of the loopback interface only, with trust authentication for the one role {@value #ROLE};
 * {@link #close} stops it and deletes the directory. PostgreSQL refuses to run as root, so when this
 * JVM is root (as in CI) the server's commands run as the {@value #OS_USER} account that Debian's
 * package creates, through {@code runuser}, and the directory is given to that account.
 */
public final class PostgresCluster implements AutoCloseable {

    /**
     * Settings for a peer measured on reads: the peer's table and index fit in PostgreSQL's own cache,
     * as the SQLite peer's file fits in the kernel's. Nothing here is durable, since the cluster is
     * deleted after the run; only the load, not the measured queries, would wait on the disk.
     */
    public static final Map<String, String> FOR_READS = Map.of(
            "shared_buffers", "1GB",
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off");
    /** Settings for a small cluster that tests use: the defaults but for durability. */
    public static final Map<String, String> FOR_TESTS = Map.of("fsync", "off", "synchronous_commit", "off");

    static final String ROLE = "credence";
    static final String OS_USER = "postgres";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final Thread stopAtExit;
    private boolean stopped;

    private PostgresCluster(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.stopAtExit = new Thread(this::stop, "postgres-cluster-stop");
    }

    /**
     * Creates and starts a cluster with {@code settings} (PostgreSQL configuration parameters), waiting
     * until it accepts connections.
     *
     * @throws IllegalStateException when no PostgreSQL server binaries are installed, or when the
     *     cluster could not be created or started (with the server's own words on why)
     */
    public static PostgresCluster start(Map<String, String> settings) {
        Path bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir;
        int port;
        try {
            dir = Files.createTempDirectory("credence-pg");
            if (asRoot) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
                Files.setOwner(dir, owner);
            }
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and there is no '" + OS_USER
                    + "' account to run it as: install Debian's postgresql package, which creates it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a PostgreSQL data directory", e);
        }
        PostgresCluster cluster = new PostgresCluster(bin, dir, port, asRoot);
        Path data = dir.resolve("data");
        cluster.run("initdb", "-D", data.toString(), "-U", ROLE, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port), "-k", dir.toString(),
                "-c", "listen_addresses=" + InetAddress.getLoopbackAddress().getHostAddress()));
        settings.forEach((name, value) -> options.addAll(List.of("-c", name + "=" + value)));
        Runtime.getRuntime().addShutdownHook(cluster.stopAtExit);
        try {
            cluster.run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-o", String.join(" ", options), "start");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** A new connection to the cluster's {@code postgres} database, batched inserts sent as multi-row statements. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port
                        + "/postgres?user=" + ROLE + "&reWriteBatchedInserts=true");
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook itself is stopping the cluster.
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
            }
        } finally {
            delete(dir);
        }
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("credence-pg-" + program, ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(program + " did not finish in " + COMMAND_SECONDS + " s: " + command);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): " + command
                            + "\n" + Files.readString(output) + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private String serverLog() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? "server log:\n" + Files.readString(log) : "";
    }

    /** The newest server under {@code /usr/lib/postgresql/<version>/bin}, else {@code initdb} on the path. */
    static Path binaries() {
        Optional<Path> debian = Optional.empty();
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
                debian = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresCluster::majorVersion));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return debian.or(PostgresCluster::onPath).orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server found: neither " + DEBIAN_VERSIONS + "/<version>/bin/initdb nor initdb on the PATH;"
                        + " install Debian's postgresql package (apt-get install postgresql)"));
    }

    private static Optional<Path> onPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(p -> !p.isEmpty())
                .map(p -> Path.of(p, "initdb"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(PostgresCluster::realDirectory);
    }

    /** The directory a link on the path leads to, where the server's other programs are. */
    private static Path realDirectory(Path program) {
        try {
            return program.toRealPath().getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
