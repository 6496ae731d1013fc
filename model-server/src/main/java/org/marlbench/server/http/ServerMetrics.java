package org.marlbench.server.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;
import org.marlbench.server.component.StrategicComponent;
import org.marlbench.server.sidecar.ResourceSample;
import org.marlbench.server.sidecar.ResourceSampler;

/**
 * GET /metrics: Micrometer's Prometheus registry, in the Prometheus text format 0.0.4.
 *
 * <ul>
 * <li>{@code http_server_requests_seconds} (histogram: {@code _bucket}, {@code _count}, {@code _sum}; and
 *     {@code http_server_requests_seconds_max}) per route, method and status, every request timed by
 *     {@link RequestTiming}. Routes are the server's own ({@value DecisionHandler#PATH}, /health, ...);
 *     anything else is "other" and unusual methods are "OTHER", so a scanner cannot blow up the label set.</li>
 * <li>Decisions: {@code marl_decisions_requests_total}, {@code marl_decisions_errors_total},
 *     {@code marl_decisions_fallbacks_total}, {@code marl_decisions_in_flight}; {@code marl_model_ready};
 *     {@code marl_breaker_state{agent,state}} (1 for the agent's current state, else 0).</li>
 * <li>The sidecar's latest sample: {@code marl_process_rss_bytes}, {@code marl_process_heap_used_bytes},
 *     {@code marl_process_heap_used_after_gc_bytes}, {@code marl_process_cpu_percent},
 *     {@code marl_process_allocated_bytes_total}, {@code marl_system_cpu_percent},
 *     {@code marl_engine_native_arrays} (NaN when unknown).</li>
 * </ul>
 * The same bearer token as every route (server.authToken) applies: it is checked at the Jetty level.
 */
final class ServerMetrics {
    static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String OTHER_ROUTE = "other";
    private static final List<String> ROUTE_LIST = List.of(DecisionHandler.PATH, HealthHandler.PATH, SidecarHandlers.RESOURCES,
            SidecarHandlers.SERIES, PATH);
    private static final Set<String> ROUTES = Set.copyOf(ROUTE_LIST);
    private static final List<String> METHOD_LIST = List.of("GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 600;
    private static final List<String> BREAKER_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** One timer per route x method x status, made on first use (the lookup allocates nothing). */
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(
            (ROUTE_LIST.size() + 1) * (METHOD_LIST.size() + 1) * (MAX_STATUS - MIN_STATUS + 1));

    ServerMetrics(DecisionMetrics decisions, ModelHolder model, ResourceSampler sampler) {
        FunctionCounter.builder("marl.decisions.requests", decisions, DecisionMetrics::requests)
                .description("decision requests received (every status)").register(registry);
        FunctionCounter.builder("marl.decisions.errors", decisions, DecisionMetrics::errors)
                .description("decision requests answered with an error status").register(registry);
        FunctionCounter.builder("marl.decisions.fallbacks", decisions, DecisionMetrics::fallbacks)
                .description("decisions in which at least one agent fell back").register(registry);
        Gauge.builder("marl.decisions.in.flight", decisions, DecisionMetrics::inFlight)
                .description("decision requests being decided right now").strongReference(true).register(registry);
        Gauge.builder("marl.model.ready", model, m -> m.component() == null ? 0 : 1)
                .description("1 once the model is loaded (health UP)").strongReference(true).register(registry);
        for (String agent : StrategicComponent.AGENTS) {
            for (String state : BREAKER_STATES) {
                Gauge.builder("marl.breaker.state", model, m -> {
                            StrategicComponent c = m.component();
                            return c != null && c.breakerState(agent).equals(state) ? 1 : 0;
                        })
                        .tags("agent", agent, "state", state.toLowerCase(Locale.ROOT))
                        .description("circuit breaker of an agent: 1 for its current state").strongReference(true)
                        .register(registry);
            }
        }
        sample("marl.process.rss", BaseUnits.BYTES, "resident set size", sampler, s -> s.process().rssBytes());
        sample("marl.process.heap.used", BaseUnits.BYTES, "heap used", sampler, s -> s.process().heapUsedBytes());
        sample("marl.process.heap.used.after.gc", BaseUnits.BYTES, "heap used after the last collection of each heap pool",
                sampler, s -> orNaN(s.process().heapUsedAfterGcBytes()));
        sample("marl.process.cpu.percent", null, "process CPU over all cores (200 = two busy)", sampler,
                s -> s.process().cpuPercent());
        sample("marl.system.cpu.percent", null, "machine CPU busy, 0..100", sampler, s -> s.system().cpuPercent());
        sample("marl.engine.native.arrays", null, "the engine's live NDArrays", sampler, s -> orNaN(s.inference().nativeArrays()));
        FunctionCounter.builder("marl.process.allocated", sampler, r -> {
                    ResourceSample s = r.latest();
                    return s == null ? Double.NaN : orNaN(s.process().allocatedBytes());
                })
                .baseUnit(BaseUnits.BYTES).description("heap bytes allocated by the JVM's threads (sidecar sample)")
                .register(registry);
    }

    private void sample(String name, String unit, String description, ResourceSampler sampler,
                        ToDoubleFunction<ResourceSample> value) {
        Gauge.builder(name, sampler, r -> {
                    ResourceSample s = r.latest();
                    return s == null ? Double.NaN : value.applyAsDouble(s);
                })
                .baseUnit(unit).description(description + " (sidecar sample)").strongReference(true).register(registry);
    }

    private static double orNaN(Long v) {
        return v == null ? Double.NaN : v;
    }

    /** One request done: its route (or "other"), method (or "OTHER"), status and time. No allocation once its timer exists. */
    void record(String method, String path, int status, long nanos) {
        int r = routeIndex(path);
        int m = method == null ? -1 : METHOD_LIST.indexOf(method);
        if (m < 0) m = METHOD_LIST.size();
        int st = status >= MIN_STATUS && status < MAX_STATUS ? status : MAX_STATUS; // MAX_STATUS: anything odd
        int slot = (r * (METHOD_LIST.size() + 1) + m) * (MAX_STATUS - MIN_STATUS + 1) + (st - MIN_STATUS);
        Timer t = timers.get(slot);
        if (t == null) {
            String route = r < ROUTE_LIST.size() ? ROUTE_LIST.get(r) : OTHER_ROUTE;
            String methodLabel = m < METHOD_LIST.size() ? METHOD_LIST.get(m) : "OTHER";
            t = timer(route, methodLabel, st == MAX_STATUS ? "other" : Integer.toString(st)); // the registry dedupes
            timers.compareAndSet(slot, null, t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static int routeIndex(String path) {
        int i = ROUTE_LIST.indexOf(route(path));
        return i < 0 ? ROUTE_LIST.size() : i;
    }

    private Timer timer(String route, String method, String status) {
        return Timer.builder("http.server.requests")
                .description("requests from arrival to the last byte written")
                .tags("route", route, "method", method, "status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** The route a path belongs to: one of the server's, with or without a trailing slash, else "other". */
    static String route(String path) {
        if (path == null) return OTHER_ROUTE;
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return ROUTES.contains(p) ? p : OTHER_ROUTE;
    }

    /** GET /metrics. */
    void scrape(Context ctx) {
        ctx.status(200);
        ctx.contentType(CONTENT_TYPE);
        ctx.result(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** The text a scrape gives (tests). */
    String scrapeText() {
        return registry.scrape();
    }
}
