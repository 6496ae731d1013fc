package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;

/**
 * GET /metrics on the real server: Prometheus text format 0.0.4, checked line by line with a strict
 * grammar (no parser of that format is on the classpath), every sample of a declared family, and the
 * metrics the server promises, moved by real requests.
 */
class MetricsRouteTest {
    private static ModelServer server;
    private static TestClient client;

    static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    static final String VALUE = "(?:NaN|[+-]Inf|[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)";
    /** name{label="value",...} value [timestamp] */
    static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(" + LABEL + "(?:," + LABEL + ")*,?)?\\})? (" + VALUE
            + ")(?: -?[0-9]+)?");
    static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");

    @BeforeAll
    static void start() throws Exception {
        server = ModelServer.start(DecisionTest.settings("sidecar.intervalMs", "50"));
        assertTrue(server.awaitModel(120_000));
        client = new TestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void exposesTheServersMetricsInThePrometheusTextFormat() throws Exception {
        String body = TestClient.body(TestClient.matrix(3));
        for (int i = 0; i < 5; i++) assertEquals(200, client.postJson(body).statusCode());
        assertEquals(400, client.postJson("{}").statusCode());
        assertEquals(200, client.get("/health").statusCode());
        assertEquals(404, client.get("/no/such/route").statusCode());
        Thread.sleep(150); // a sidecar sample after the model is up

        Map<String, Double> samples = null;
        HttpResponse<String> r = null;
        for (int attempt = 0; attempt < 40; attempt++) { // timings are recorded when the answer is complete
            r = client.get("/metrics");
            samples = parse(r.body());
            Double ok = samples.get("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/strategic/decision\",status=\"200\"}");
            if (ok != null && ok >= 5) break;
            Thread.sleep(50);
        }
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String decision200 = "{method=\"POST\",route=\"/v1/strategic/decision\",status=\"200\"}";
        assertEquals(5.0, samples.get("http_server_requests_seconds_count" + decision200), r.body());
        assertTrue(samples.get("http_server_requests_seconds_sum" + decision200) > 0);
        assertEquals(5.0, samples.get("http_server_requests_seconds_bucket{method=\"POST\",route=\"/v1/strategic/decision\",status=\"200\",le=\"+Inf\"}"),
                "a latency histogram per route and status");
        assertEquals(1.0, samples.get("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/strategic/decision\",status=\"400\"}"));
        assertEquals(1.0, samples.get("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}"));
        assertEquals(1.0, samples.get("http_server_requests_seconds_count{method=\"GET\",route=\"other\",status=\"404\"}"),
                "unknown paths share one label value");
        assertTrue(samples.get("marl_decisions_requests_total") >= 6);
        assertTrue(samples.get("marl_decisions_errors_total") >= 1);
        assertEquals(0.0, samples.get("marl_decisions_fallbacks_total"));
        assertEquals(0.0, samples.get("marl_decisions_in_flight"));
        assertEquals(1.0, samples.get("marl_model_ready"));
        for (String agent : new String[] {"mlmi", "nwrqk", "regime"}) {
            assertEquals(1.0, samples.get("marl_breaker_state{agent=\"" + agent + "\",state=\"closed\"}"), agent);
            assertEquals(0.0, samples.get("marl_breaker_state{agent=\"" + agent + "\",state=\"open\"}"), agent);
            assertEquals(0.0, samples.get("marl_breaker_state{agent=\"" + agent + "\",state=\"half_open\"}"), agent);
        }
        assertTrue(samples.get("marl_process_rss_bytes") > 10e6);
        assertTrue(samples.get("marl_process_heap_used_bytes") > 0);
        assertTrue(samples.get("marl_process_heap_used_after_gc_bytes") >= 0);
        assertTrue(samples.get("marl_process_allocated_bytes_total") > 0);
        assertTrue(samples.get("marl_process_cpu_percent") >= 0);
        assertTrue(samples.get("marl_system_cpu_percent") >= 0);
        assertTrue(samples.get("marl_engine_native_arrays") >= 1, "the weights at least");
    }

    /**
     * Every line is a HELP, a TYPE or a sample; every sample belongs to the family TYPE declared just
     * before it (its name, or with _bucket/_count/_sum/_total for histograms and counters); no family twice.
     * Returns the samples as "name{labels}" -> value.
     */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        Set<String> families = new HashSet<>();
        String family = null;
        String type = null;
        int types = 0;
        assertTrue(text.endsWith("\n"), "the text ends with a line feed");
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                family = m.group(1);
                type = m.group(2);
                types++;
                assertTrue(families.add(family), "family declared twice: " + line);
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family == null || !belongs(name, family, type)) fail("sample outside its declared family " + family + ": " + line);
                String labels = m.group(2) == null ? "" : "{" + m.group(2) + "}";
                String v = m.group(3);
                double value = v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf") ? Double.NEGATIVE_INFINITY
                        : v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
                assertTrue(out.put(name + labels, value) == null, "sample twice: " + line);
            } else {
                fail("not Prometheus text format 0.0.4: '" + line + "'");
            }
        }
        assertTrue(types > 5, "TYPE lines: " + types);
        return out;
    }

    private static boolean belongs(String name, String family, String type) {
        if (name.equals(family)) return true;
        return switch (type) {
            case "histogram" -> name.equals(family + "_bucket") || name.equals(family + "_count") || name.equals(family + "_sum");
            case "summary" -> name.equals(family + "_count") || name.equals(family + "_sum");
            case "counter" -> name.equals(family + "_total");
            default -> false;
        };
    }

    @Test
    void offWithServerMetricsFalse() {
        try (ModelServer off = ModelServer.start(DecisionTest.settings("server.metrics", "false"))) {
            ErrorAssertions.assertError(new TestClient(off.url()).get("/metrics"), 404, "not_found");
        }
    }

    @Test
    void routesAreBoundedToTheServersOwn() {
        assertEquals("/v1/strategic/decision", ServerMetrics.route("/v1/strategic/decision/"));
        assertEquals("/metrics", ServerMetrics.route("/metrics"));
        assertEquals(ServerMetrics.OTHER_ROUTE, ServerMetrics.route("/"));
        assertEquals(ServerMetrics.OTHER_ROUTE, ServerMetrics.route("/etc/passwd"));
        assertEquals(ServerMetrics.OTHER_ROUTE, ServerMetrics.route(null));
    }
}
