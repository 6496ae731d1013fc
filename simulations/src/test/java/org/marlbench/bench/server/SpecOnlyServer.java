package org.marlbench.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server that speaks SPEC and nothing more, the way the most common Python servers behave: it
 * answers a request carrying {@code Upgrade: h2c} (the JDK client's default on plain http) with
 * {@code 400 Unsupported upgrade request}, as uvicorn does; its sidecar samples carry SPEC's ISO
 * {@code timestamp} only (no {@code timestampMs}) and at most {@value #SAMPLES_PER_ANSWER} per answer.
 */
final class SpecOnlyServer implements AutoCloseable {
    static final int SAMPLES_PER_ANSWER = 3;
    static final String DECISION = """
            {"action":"hold","confidence":0.41,"uncertainty":1.02,"shouldProceed":false,"regime":"ranging","reasoning":"r",
             "timestamp":"2026-11-27T12:00:00.123Z","correlationId":"%s",
             "agentContributions":{"mlmi":0.2,"nwrqk":0.3,"regime":0.1},
             "performanceMetrics":{"ensembleProbabilities":[0.4,0.35,0.25],
               "individualConfidences":{"mlmi":0.5,"nwrqk":0.6,"regime":0.4},
               "gatingWeights":[0.3,0.3,0.4],"fallbackAgents":[],"totalComputationTimeMs":0.21}}""";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final long startMs = System.currentTimeMillis() - 10_000;
    final List<String> upgradesRefused = new ArrayList<>();

    SpecOnlyServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "spec-only-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                handle(s);
            } catch (IOException e) {
                // closed, or a client went away: next one
            }
        }
    }

    private void handle(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String requestLine = in.readLine();
        if (requestLine == null) return;
        int length = 0;
        boolean upgrade = false;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            if (lower.startsWith("upgrade:")) upgrade = true;
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) break;
            read += n;
        }
        String[] parts = requestLine.split(" ");
        OutputStream out = s.getOutputStream();
        if (upgrade) {
            synchronized (upgradesRefused) {
                upgradesRefused.add(requestLine);
            }
            write(out, 400, "text/plain", "Unsupported upgrade request", "");
            return;
        }
        String path = parts[1];
        if (parts[0].equals("GET") && path.equals("/health")) {
            write(out, 200, "application/json", "{\"status\":\"UP\",\"engine\":\"PyTorch\",\"engineVersion\":\"1.13.1\","
                    + "\"model\":{\"agents\":3,\"parameters\":1,\"seed\":42}}", "");
        } else if (parts[0].equals("GET") && path.startsWith("/sidecar/resources/series")) {
            long since = Long.parseLong(path.substring(path.indexOf("since=") + 6));
            StringBuilder samples = new StringBuilder();
            int n = 0;
            for (long t = startMs; t <= System.currentTimeMillis() && n < SAMPLES_PER_ANSWER; t += 250) {
                if (t < since) continue;
                if (n++ > 0) samples.append(',');
                samples.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(t)).append("\",\"process\":{\"rssBytes\":1000,")
                        .append("\"heapUsedBytes\":1,\"heapMaxBytes\":2,\"nonHeapUsedBytes\":1,\"cpuPercent\":50.0,\"threads\":9,")
                        .append("\"gcCount\":0,\"gcTimeMs\":0},\"system\":{\"cpuPercent\":10.0,\"cores\":2,\"memoryTotalBytes\":8,")
                        .append("\"memoryAvailableBytes\":4,\"loadAverage1m\":0.5},\"gpu\":[],")
                        .append("\"inference\":{\"requests\":1,\"errors\":0,\"inFlight\":0,\"fallbacks\":0}}");
            }
            write(out, 200, "application/json", "{\"intervalMs\":250,\"samples\":[" + samples + "]}", "");
        } else if (parts[0].equals("POST") && path.equals("/v1/strategic/decision")) {
            String text = new String(body);
            int at = text.indexOf("\"correlationId\":\"");
            String id = at < 0 ? "" : text.substring(at + 17, text.indexOf('"', at + 17));
            write(out, 200, "application/json", DECISION.formatted(id), "Server-Timing: model;dur=0.100, total;dur=0.150\r\n");
        } else {
            write(out, 404, "application/json", "{\"error\":\"not_found\",\"message\":\"no\"}", "");
        }
    }

    private static void write(OutputStream out, int status, String type, String body, String extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
