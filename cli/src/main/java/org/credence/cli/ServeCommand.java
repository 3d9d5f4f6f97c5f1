package org.credence.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.credence.api.ApiServer;
import org.credence.scorecard.ApplicantScorer;
import org.credence.scorecard.ModelJson;
import org.credence.scorecard.ScorecardException;
import org.credence.web.WebPages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API for a data directory.")
final class ServeCommand extends CliCommand {

    /** How soon a running server's decisions reflect records another process stored (a CLI import). */
    static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);

    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path data;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST")
    String host;

    @Option(names = "--scorecard", paramLabel = "MODEL.json",
            description = "Serve the statistical credit score of this trained model at POST /api/v1/scores.")
    Path scorecard;

    @Override
    public Integer call() throws InterruptedException {
        try (Node node = Node.open(data, clock)) {
            ApiServer.Backend backend = node.backend();
            if (scorecard != null) {
                try {
                    backend = backend.withScorer(new ApplicantScorer(ModelJson.read(scorecard)));
                } catch (ScorecardException e) {
                    throw new UserError(e.getMessage());
                }
            }
            serve(node, backend, host, port, out(), () -> { });
        }
        return 0;
    }

    /**
     * Serves until the process is stopped; {@code ready} runs once the port is open. On SIGTERM or
     * Ctrl-C the shutdown hook stops the server and closes the store before the JVM exits.
     */
    static void serve(Node node, ApiServer.Backend backend, String host, int port, PrintWriter out, Runnable ready)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        ApiServer server = ApiServer.create(backend, WebPages.routes(backend, node.store, node.store)).start(host, port);
        // From now, not at open: catching up on an import's entries must not slow the start, and a
        // command that exits when done leaves the index to the server.
        node.store.keepAuditIndex();
        node.follow(FOLLOW_EVERY, line -> {
            out.println(line);
            out.flush();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            node.close();
            stopped.countDown();
        }, "credence-shutdown"));
        var index = node.state.snapshot().index();
        long bytes = index.bytes();
        out.println("serving " + index.subjects() + " subjects, " + index.records() + " records (hot index "
                + (bytes >> 20) + " MiB, " + (index.subjects() == 0 ? 0 : bytes / index.subjects())
                + " B per subject) on http://" + host + ":" + server.port() + "/");
        out.flush();
        ready.run();
        stopped.await();
    }
}
