package org.credence.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * port of the IPv4 loopback only (no Unix socket), with trust authentication for the one role
 * {@value #ROLE}; {@link #close} stops it and deletes the directory, as does a shutdown hook should
 * the JVM end first. PostgreSQL refuses to run as root, so when this JVM is root (as in CI) the
 * server's commands run as the {@value #OS_USER} account that Debian's package creates, through
 * {@code runuser}, and the directory is given to that account. Settings go into the cluster's
 * {@code postgresql.conf}, quoted as the file wants them, rather than through {@code pg_ctl}'s option
 * string, which a shell splits.
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

    private static final String ROLE = "credence";
    private static final String OS_USER = "postgres";
    /** A literal, not the JVM's idea of loopback, which may be IPv6 and would need brackets in a URL. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_SECONDS = 120;
    /** Starts tried, each on a newly probed port: another process may take a probed port before the server binds it. */
    private static final int STARTS = 3;

    private final Path bin;
    private final Path dir;
    private final boolean asRoot;
    private final Thread stopAtExit;
    private int port;
    private boolean stopped;

    private PostgresCluster(Path bin, Path dir, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.asRoot = asRoot;
        this.stopAtExit = new Thread(this::stop, "postgres-cluster-stop");
    }

    /**
     * Creates and starts a cluster with {@code settings} (PostgreSQL configuration parameters), waiting
     * until it accepts connections. Whatever fails, nothing is left behind: no server, no directory.
     *
     * @throws IllegalStateException when no PostgreSQL server binaries are installed, or when the
     *     cluster could not be created or started (with the server's own words on why)
     */
    public static PostgresCluster start(Map<String, String> settings) {
        Path bin = binaries();
        boolean asRoot = isRoot();
        PostgresCluster cluster = new PostgresCluster(bin, directory(asRoot), asRoot);
        Runtime.getRuntime().addShutdownHook(cluster.stopAtExit);
        try {
            cluster.run("initdb", "-D", cluster.data().toString(), "-U", ROLE, "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            Map<String, String> all = new LinkedHashMap<>(settings);
            all.put("listen_addresses", LOOPBACK);
            all.put("unix_socket_directories", "");
            cluster.configure(all);
            cluster.listen();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** A new connection to the cluster's {@code postgres} database, batched inserts sent as multi-row statements. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + LOOPBACK + ":" + port + "/postgres?user=" + ROLE
                + "&reWriteBatchedInserts=true");
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running, or about to: it stops the cluster.
        }
        stop();
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void listen() {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            configure(Map.of("port", Integer.toString(port)));
            try {
                run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "start");
                return;
            } catch (IllegalStateException e) {
                if (attempt == STARTS || !e.getMessage().contains("could not bind")) {
                    throw e;
                }
            }
        }
    }

    /** Appends {@code settings} to {@code postgresql.conf}, where the last line for a parameter wins. */
    private void configure(Map<String, String> settings) {
        StringBuilder lines = new StringBuilder();
        settings.forEach((name, value) -> lines.append(name).append(" = '").append(value.replace("'", "''")).append("'\n"));
        try {
            Files.writeString(data().resolve("postgresql.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not configure the PostgreSQL cluster in " + data(), e);
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        RuntimeException failed = null;
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
            }
        } catch (RuntimeException e) {
            // A server left running on a deleted directory would hold its memory until the machine stops.
            postmaster().ifPresent(ProcessHandle::destroyForcibly);
            failed = e;
        }
        try {
            delete(dir);
        } catch (UncheckedIOException e) {
            if (failed == null) {
                throw e;
            }
            failed.addSuppressed(e);
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** The server's process, as its pid file names it on its first line. */
    private Optional<ProcessHandle> postmaster() {
        try {
            String first = Files.readAllLines(data().resolve("postmaster.pid")).getFirst();
            return ProcessHandle.of(Long.parseLong(first.trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("credence-pg-" + program, ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(program + " did not finish in " + COMMAND_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): " + command
                        + "\n" + Files.readString(output) + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                // runuser's child first: killing runuser alone would leave it running.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A log of a few lines in the temporary directory.
                }
            }
        }
    }

    private String serverLog() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? "server log:\n" + Files.readString(log) : "";
    }

    /** A new directory for the cluster, the server's account's when this JVM is root. */
    private static Path directory(boolean asRoot) {
        Path dir;
        try {
            dir = Files.createTempDirectory("credence-pg");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for a PostgreSQL cluster", e);
        }
        if (!asRoot) {
            return dir;
        }
        try {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(dir, owner);
            return dir;
        } catch (UserPrincipalNotFoundException e) {
            delete(dir);
            throw new IllegalStateException("PostgreSQL refuses to run as root, and there is no '" + OS_USER
                    + "' account to run it as: install Debian's postgresql package, which creates it", e);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("could not give " + dir + " to the '" + OS_USER + "' account", e);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + LOOPBACK, e);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
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
