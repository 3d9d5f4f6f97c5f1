package org.credence.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.credence.api.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API for a data directory.")
final class ServeCommand implements Callable<Integer>, Main.Clocked {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR")
    Path data;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST")
    String host;

    private Clock clock;

    @Override
    public void clock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        try (Node node = Node.open(data, clock)) {
            serve(node, host, port, spec, () -> { });
        }
        return 0;
    }

    /**
     * Serves until the process is stopped; {@code ready} runs once the port is open. On SIGTERM or
     * Ctrl-C the shutdown hook stops the server and closes the store before the JVM exits.
     */
    static void serve(Node node, String host, int port, CommandSpec spec, Runnable ready) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        ApiServer server = ApiServer.create(node.backend()).start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            node.close();
            stopped.countDown();
        }, "credence-shutdown"));
        var index = node.state.snapshot().index();
        spec.commandLine().getOut().println("serving " + index.subjects() + " subjects, " + index.records()
                + " records on http://" + host + ":" + server.port() + "/");
        spec.commandLine().getOut().flush();
        ready.run();
        stopped.await();
    }
}
