import io.javalin.Javalin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Exp SERVER PORT: answers BODY to every POST on /d after reading the request's body, from
 * "javalin" (a Javalin route on virtual threads, as Credence's routes), "corevt" (a Jetty core
 * handler on virtual threads, as DecisionHandler) or "core" (the same handler on Jetty's platform
 * threads). HTTP/1.1 and h2c on one port of 127.0.0.1.
 */
public class Exp {
    static final byte[] BODY = ("{\"outcome\":\"allow\",\"subject\":\"11010519500101016X\",\"action\":\"travel.air.ticket\","
            + "\"measures\":[],\"decision_id\":\"d-123456\"}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "javalin" -> Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = true;
                c.jetty.addConnector((server, http) -> connector(server, http, port));
                c.routes.post("/d", ctx -> {
                    ctx.body();
                    ctx.contentType("application/json").result(BODY);
                });
            }).start();
            case "core", "corevt" -> {
                QueuedThreadPool pool = new QueuedThreadPool();
                if (args[0].equals("corevt")) {
                    pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
                }
                Server server = new Server(pool);
                server.addConnector(connector(server, new HttpConfiguration(), port));
                server.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
                    @Override
                    public boolean handle(Request req, Response res, Callback cb) throws Exception {
                        Content.Source.asString(req, StandardCharsets.UTF_8);
                        res.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                        res.write(true, ByteBuffer.wrap(BODY), cb);
                        return true;
                    }
                });
                server.start();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
                new HTTP2CServerConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        return connector;
    }
}
