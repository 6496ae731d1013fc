package org.marlbench.server.http;

import io.javalin.http.Context;
import org.marlbench.server.sidecar.ResourceSampler;
import org.marlbench.server.sidecar.SampleJson;

/** GET /sidecar/resources (latest sample) and GET /sidecar/resources/series?since=<epoch ms>. */
final class SidecarHandlers {
    static final String RESOURCES = "/sidecar/resources";
    static final String SERIES = "/sidecar/resources/series";

    private final ResourceSampler sampler;

    SidecarHandlers(ResourceSampler sampler) {
        this.sampler = sampler;
    }

    void latest(Context ctx) {
        Responses.json(ctx, 200, SampleJson.sample(sampler.latest()));
    }

    /** since missing: every kept sample; since given: samples with timestampMs >= since. */
    void series(Context ctx) {
        String since = ctx.queryParam("since");
        long sinceMs = Long.MIN_VALUE;
        if (since != null && !since.isBlank()) {
            try {
                sinceMs = Long.parseLong(since.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("bad_parameter",
                        "since must be an integer epoch time in milliseconds, got '" + since + "'");
            }
        }
        Responses.json(ctx, 200, SampleJson.series(sampler.intervalMs(), sampler.since(sinceMs)));
    }
}
