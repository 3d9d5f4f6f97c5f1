package org.credence.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JettyConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.credence.formats.Views;
import org.credence.scorecard.ApplicantScorer;
import org.credence.state.CreditState;
import org.credence.state.Rights;
import org.credence.store.AuditLog;
import org.credence.store.KeyStore;
import org.credence.store.RightsStore;
import org.credence.store.Vault;
import org.credence.store.Role;
import org.credence.subject.IdSchemes;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API. Every route is listed here, top to bottom, with the roles it admits; the handlers are
 * plain methods on small route classes.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /**
     * Streams an HTTP/2 connection may have open at once (Jetty's default, set here so that what the
     * README promises partners does not move with a Jetty release); a client queues the rest.
     */
    static final int STREAMS = 128;

    private final Javalin app;
    private final Metrics metrics;

    private ApiServer(Javalin app, Metrics metrics) {
        this.app = app;
        this.metrics = metrics;
    }

    /** What the server serves from, built by the composition root. */
    public record Backend(CreditState state, Rights rights, RightsStore rightsStore, KeyStore keys, AuditLog audit,
                          Vault vault, IdSchemes ids, Clock clock, Optional<ApplicantScorer> scorer) {

        /** The same backend, scoring applicants with {@code scorer} at {@code POST /api/v1/scores}. */
        public Backend withScorer(ApplicantScorer scorer) {
            return new Backend(state, rights, rightsStore, keys, audit, vault, ids, clock, Optional.of(scorer));
        }
    }

    /** Builds the server; nothing listens until {@link #start}. */
    public static ApiServer create(Backend b) {
        return create(b, config -> { });
    }

    /**
     * Builds the server with more routes beside the API's, such as the web pages: {@code more} is
     * given the configuration after the API's own routes are in it, so it can add to them but the
     * API's routes stay as they are.
     */
    public static ApiServer create(Backend b, Consumer<JavalinConfig> more) {
        Metrics metrics = new Metrics(b.state());
        Guard guard = new Guard(new Clients(b.keys()));
        Audit audit = new Audit(b.audit(), b.vault(), b.clock());
        RecordRoutes records = new RecordRoutes(b.state(), b.ids(), b.clock(), metrics, audit);
        DecisionRoutes decisions = new DecisionRoutes(b.state(), b.ids(), b.clock(), metrics, audit);
        SubjectRoutes subjects = new SubjectRoutes(b.state(), b.rightsStore(), b.ids(), b.clock(), audit);
        RightsRoutes rights = new RightsRoutes(b.rights(), b.rightsStore(), b.ids(), b.clock(), audit);
        PublicRoutes published = new PublicRoutes(b.state(), b.ids(), b.clock());
        AuditRoutes trail = new AuditRoutes(audit, b.state(), b.ids());
        Set<Role> staff = Set.of(Role.OPERATOR, Role.AUDITOR);

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = Bodies.BULK;
            config.concurrency.useVirtualThreads = true;
            config.jetty.addConnector((server, http) -> clearText(server, http, config.jetty));
            // Single decisions, the route partners call on every sale, are Jetty's own (DecisionHandler's
            // essay says why); Javalin serves every other route, inside it.
            config.jetty.modifyServer(server -> server.setHandler(new DecisionHandler(guard, decisions, metrics)));
            config.requestLogger.http(metrics::request);
            config.routes.after(Bodies::drainUnread);

            // Decisions are still answered when the index may be behind the store, but a balancer should
            // know: such a node says so, and answers 503.
            config.routes.get("/health", ctx -> {
                Map<String, Object> health = health(b.state());
                Respond.json(ctx, health.containsKey("behind") ? 503 : 200, health);
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            config.routes.get("/api/v1/catalog", ctx -> Respond.json(ctx, 200, Views.catalog(b.state().snapshot().rulebook().catalog())));
            config.routes.get("/api/v1/public/lists/{code}", published::list);
            config.routes.get("/api/v1/public/organizations/{id}", published::organization);

            config.routes.post("/api/v1/records", guard.admit(Set.of(Role.AGENCY), records::submit));
            config.routes.post("/api/v1/records/bulk", guard.admit(Set.of(Role.AGENCY), records::bulk));
            // POST /api/v1/decisions, a single decision, is DecisionHandler's (above).
            config.routes.post("/api/v1/decisions/batch", guard.admit(Set.of(Role.PARTNER), decisions::batch));

            config.routes.get("/api/v1/subjects/{id}/file", guard.admitSelf(staff, subjects::file));
            config.routes.get("/api/v1/subjects/{id}/notices", guard.admitSelf(staff, subjects::notices));
            config.routes.get("/api/v1/subjects/{id}/access-log", guard.admitSelf(staff, subjects::accessLog));
            config.routes.post("/api/v1/subjects/{id}/disputes", guard.admitSelf(Set.of(Role.OPERATOR), rights::openDispute));
            config.routes.post("/api/v1/subjects/{id}/repairs", guard.admitSelf(Set.of(Role.OPERATOR), rights::requestRepair));

            config.routes.get("/api/v1/disputes", guard.admit(staff, rights::disputes));
            config.routes.post("/api/v1/disputes/{id}/resolution", guard.admit(Set.of(Role.OPERATOR), rights::resolveDispute));
            config.routes.get("/api/v1/repairs", guard.admit(staff, rights::repairs));
            config.routes.post("/api/v1/repairs/{id}/decision", guard.admit(Set.of(Role.OPERATOR), rights::decideRepair));

            config.routes.get("/api/v1/audit", guard.admit(Set.of(Role.AUDITOR), trail::entries));
            b.scorer().ifPresent(scorer -> config.routes.post("/api/v1/scores",
                    guard.admit(Set.of(Role.PARTNER), new ScoreRoutes(scorer, b.ids(), audit)::score)));

            config.routes.exception(ApiError.class, (e, ctx) -> Respond.error(ctx, e));
            // Javalin's own refusals (no such route, wrong method) get the same error shape.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> Respond.error(ctx, new ApiError(e.getStatus(),
                    switch (e.getStatus()) {
                        case 404 -> "not_found";
                        case 405 -> "method_not_allowed";
                        default -> "http_" + e.getStatus();
                    }, e.getStatus() == 404 ? "no such resource: " + ctx.method() + " " + ctx.path() : e.getMessage())));
            // Not an error of the server's: logged for whoever debugs a client, not as a failure.
            // 499, as the request log and the metrics should count it: not the 200 set before the write.
            config.routes.exception(Respond.ClientGone.class, (e, ctx) -> {
                ctx.status(HttpStatus.CLIENT_CLOSED_REQUEST);
                LOG.debug("the client of {} {} closed the connection before its answer was written", ctx.method(), ctx.path());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                Respond.error(ctx, new ApiError(500, "internal_error", "the server failed to answer; the failure is logged"));
            });
            more.accept(config);
        });
        return new ApiServer(app, metrics);
    }

    private static Map<String, Object> health(CreditState state) {
        CreditState.Snapshot snapshot = state.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<String> behind = state.behind();
        body.put("status", behind.isPresent() ? "behind" : "ok");
        behind.ifPresent(why -> body.put("behind", why));
        body.put("catalog", snapshot.rulebook().catalog().id());
        body.put("catalog_version", snapshot.rulebook().catalog().version());
        body.put("subjects", snapshot.index().subjects());
        body.put("records", snapshot.index().records());
        return body;
    }

    /**
     * The one port, speaking HTTP/1.1 and HTTP/2 in clear text (h2c): a connection that opens with
     * HTTP/2's preface, or that upgrades on a request without a body, is served as HTTP/2. A partner
     * that asks on every sale can then keep up to {@value #STREAMS} decisions in flight on one
     * connection instead of opening as many, and the server reads many requests in one system call and
     * writes many answers in one (measured in BENCHMARKS.md, seventeenth round). Encryption, where a
     * deployment needs it, is the proxy's in front, as for HTTP/1.1.
     */
    private static ServerConnector clearText(Server server, HttpConfiguration http, JettyConfig where) {
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
        h2c.setMaxConcurrentStreams(STREAMS);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http), h2c);
        connector.setHost(where.host);
        connector.setPort(where.port);
        return connector;
    }

    public ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** The port listened on, useful when started on port 0. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        metrics.close();
    }
}
