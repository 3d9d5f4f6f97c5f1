package org.credence.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.credence.scoring.Decision;
import org.credence.state.CreditState;

/** What the server counts, exposed at {@code /metrics} in the Prometheus text format. */
final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Decision.Outcome, Counter> decisions = new EnumMap<>(Decision.Outcome.class);
    private final Counter recordsStored;
    private final Counter recordsDuplicate;
    private final Counter recordsRejected;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    Metrics(CreditState state) {
        for (Decision.Outcome outcome : Decision.Outcome.values()) {
            decisions.put(outcome, Counter.builder("credence.decisions").tag("outcome", outcome.code())
                    .description("Decisions answered").register(registry));
        }
        recordsStored = Counter.builder("credence.records.stored").description("Records newly stored").register(registry);
        recordsDuplicate = Counter.builder("credence.records.duplicate")
                .description("Records received again under a stored (source, source_ref)").register(registry);
        recordsRejected = Counter.builder("credence.records.rejected")
                .description("Records refused as invalid or conflicting").register(registry);
        Gauge.builder("credence.index.subjects", state, s -> s.snapshot().index().subjects())
                .description("Subjects in the hot index").register(registry);
        Gauge.builder("credence.index.records", state, s -> s.snapshot().index().records())
                .description("Records in the hot index").register(registry);
        Gauge.builder("credence.index.bytes", state, s -> s.snapshot().index().bytes())
                .description("Bytes the hot index's table and live histories take").baseUnit("bytes").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    void decided(Decision.Outcome outcome) {
        decisions.get(outcome).increment();
    }

    void decided(Decision.Outcome outcome, long count) {
        if (count > 0) {
            decisions.get(outcome).increment(count);
        }
    }

    void stored(long stored, long duplicates) {
        recordsStored.increment(stored);
        recordsDuplicate.increment(duplicates);
    }

    void rejected(long count) {
        recordsRejected.increment(count);
    }

    void request(Context ctx, Float millis) {
        // The HTTP handler's route, not a before or after handler's; ctx.endpoint() throws when none ran.
        Endpoint matched = ctx.endpoints().lastHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        request(ctx.method().name(), route, ctx.status().getCode(), (long) (millis * 1_000_000L));
    }

    /** A request answered with {@code status} after {@code nanos}, on a route served outside Javalin. */
    void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
