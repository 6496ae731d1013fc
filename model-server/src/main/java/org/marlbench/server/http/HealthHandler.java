package org.marlbench.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.marlbench.server.component.ModelFile;
import org.marlbench.server.component.ModelInfo;
import org.marlbench.server.component.StrategicComponent;

/**
 * GET /health: 200 {"status":"UP", engine, engineVersion, model{agents, parameters, seed, source, files
 * [{name, sha256, sizeBytes}], agentsRunAs, gatingRunsAs}} once the model is loaded (seed null for
 * torchscript, files empty for seeded); before that (or if loading failed) 503 {"status":"DOWN","reason":"…"}.
 */
final class HealthHandler implements Handler {
    static final String PATH = "/health";
    private static final JsonFactory JSON = new JsonFactory();

    private final ModelHolder model;
    private volatile byte[] upBody; // the UP body never changes once loaded: written once

    HealthHandler(ModelHolder model) {
        this.model = model;
    }

    @Override
    public void handle(Context ctx) {
        StrategicComponent c = model.component();
        if (c == null) {
            Responses.json(ctx, 503, write(g -> {
                g.writeStringField("status", "DOWN");
                g.writeStringField("reason", model.downReason());
            }));
            return;
        }
        byte[] body = upBody;
        if (body == null) {
            body = write(g -> {
                g.writeStringField("status", "UP");
                g.writeStringField("engine", c.engineName());
                g.writeStringField("engineVersion", c.engineVersion());
                g.writeObjectFieldStart("model");
                ModelInfo m = c.model();
                g.writeNumberField("agents", StrategicComponent.AGENTS.size());
                g.writeNumberField("parameters", m.parameters());
                if (m.seed() != null) g.writeNumberField("seed", m.seed());
                else g.writeNullField("seed");
                g.writeStringField("source", m.source().key());
                g.writeArrayFieldStart("files"); // benchmark baselines are keyed by source + files[].name/sha256
                for (ModelFile f : m.files()) {
                    g.writeStartObject();
                    g.writeStringField("name", f.name());
                    g.writeStringField("sha256", f.sha256());
                    g.writeNumberField("sizeBytes", f.sizeBytes());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("agentsRunAs", m.agentsRunAs());
                g.writeStringField("gatingRunsAs", m.gatingRunsAs());
                g.writeEndObject();
            });
            upBody = body;
        }
        Responses.json(ctx, 200, body);
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
