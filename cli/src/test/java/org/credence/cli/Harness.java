package org.credence.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.credence.api.ApiServer;
import org.credence.store.AuditLog;
import org.credence.web.WebPages;

/**
 * A data directory with the example catalog loaded, driven through the real CLI and served by the
 * real HTTP server on a free loopback port. Time stands still at {@link #TODAY}.
 */
final class Harness implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    /** A valid person id and a valid organization id (the reference examples). */
    static final String PERSON = "11010519491231002X";
    static final String ORGANIZATION = "91512081MA62K0260E";
    /** How often the server looks for records other processes stored; `serve` looks every second. */
    private static final Duration FOLLOW_EVERY = Duration.ofMillis(50);

    final Path data;
    /** The server's clock: starts at {@link #TODAY} and moves only when a test says so. */
    final TestClock clock = new TestClock(CLOCK.instant());
    private Node node;
    private ApiServer server;
    private final List<String> followed = new CopyOnWriteArrayList<>();

    Harness(Path data) {
        this.data = data;
        Result loaded = cli("catalog", "load", catalogFile().toString(), "--data", data.toString());
        if (loaded.exit() != 0) {
            throw new IllegalStateException(loaded.toString());
        }
    }

    static Path catalogFile() {
        return Path.of("..", "catalogs", "example-city.yaml");
    }

    record Result(int exit, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(CLOCK, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    String key(String role, String name, String... scope) {
        String[] base = {"keys", "create", "--data", data.toString(), "--role", role, "--name", name};
        String[] args = scope.length == 0 ? base : concat(base, "--scope", String.join(",", scope));
        Result created = cli(args);
        if (created.exit() != 0) {
            throw new IllegalStateException(created.toString());
        }
        return created.out().strip();
    }

    /** A key of role subject, bound to {@code subject}. */
    String subjectKey(String name, String subject) {
        Result created = cli("keys", "create", "--data", data.toString(), "--role", "subject", "--name", name, "--subject", subject);
        if (created.exit() != 0) {
            throw new IllegalStateException(created.toString());
        }
        return created.out().strip();
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    Path write(String name, String content) throws java.io.IOException {
        Path file = data.resolveSibling(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Starts the server in this process; returns its base URI. */
    Http start() {
        node = Node.open(data, clock);
        return serve(node.backend());
    }

    /** Starts the server scoring applicants with {@code scorer} too. */
    Http start(org.credence.scorecard.ApplicantScorer scorer) {
        node = Node.open(data, clock);
        return serve(node.backend().withScorer(scorer));
    }

    /**
     * Starts the server without its follower: what other processes write stays unseen, as it is for
     * the second or so before a server's next look.
     */
    Http startWithoutFollowing() {
        node = Node.open(data, clock);
        return listen(node.backend());
    }

    private Http serve(ApiServer.Backend backend) {
        Http http = listen(backend);
        // As `serve` does, more often: what other processes store reaches the index.
        node.follow(FOLLOW_EVERY, followed::add);
        return http;
    }

    private Http listen(ApiServer.Backend backend) {
        server = ApiServer.create(backend, WebPages.routes(backend, node.store, node.store)).start("127.0.0.1", 0);
        return new Http("http://127.0.0.1:" + server.port());
    }

    /** The keyed hash under which the running server's trail names {@code subjectId}. */
    String subjectHash(String subjectId) {
        return node.backend().vault().subjectHash(subjectId);
    }

    /**
     * Appends {@code event} {@code times} straight to the running server's trail, as that many requests
     * would have left it, sparing a test the requests; returns once every entry is durable.
     */
    void appendToTrail(int times, AuditLog.AuditEvent event) {
        AuditLog trail = node.backend().audit();
        IntStream.range(0, times).mapToObj(i -> trail.append(event)).toList().forEach(CompletableFuture::join);
    }

    /** What the server said as it followed the store. */
    List<String> followed() {
        return List.copyOf(followed);
    }

    /** Stops the server and closes the store, as a shutdown would. */
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** One NDJSON/JSON record about {@code subject}. */
    static String record(String source, String ref, String subject, String kind, String type, String occurred) {
        return "{\"source\":\"" + source + "\",\"source_ref\":\"" + ref + "\",\"subject\":{\"id\":\"" + subject
                + "\",\"kind\":\"" + kind + "\",\"name\":\"Test Subject\"},\"type\":\"" + type + "\",\"occurred_at\":\""
                + occurred + "\"}";
    }
}
