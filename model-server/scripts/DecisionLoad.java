import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Closed-loop decision load over keep-alive connections (reconnecting after a close), sending the
 * first feeder matrix as the simulations do. Tallies every outcome by kind -- status and error code,
 * or what went wrong on the socket (refused, reset, closed without an answer) -- and prints the
 * latency percentiles of the 200s. With a pid and a delay it sends SIGTERM to that process mid-run:
 * the tally then shows how a shutdown under load looks to clients.
 *
 *   java model-server/scripts/DecisionLoad.java 127.0.0.1 8080 16 10 [sigtermAfterMs pid]
 *   (run from the repository root: it reads feeders/data/market-matrices.jsonl; a bearer token,
 *   if the server wants one, from the environment variable MODEL_SERVER_TOKEN)
 */
public class DecisionLoad {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        long sigtermAfterMs = args.length > 5 ? Long.parseLong(args[4]) : -1;
        String pid = args.length > 5 ? args[5] : null;
        String token = System.getenv("MODEL_SERVER_TOKEN");
        String line = Files.readAllLines(Path.of("feeders/data/market-matrices.jsonl")).get(0);
        String body = line.substring(line.indexOf("\"body\":") + 7, line.length() - 1);
        byte[] request = ("POST /v1/strategic/decision HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + (token != null ? "Authorization: Bearer " + token + "\r\n" : "")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, Long> outcomes = new TreeMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread t = new Thread(() -> run(host, port, request, end, outcomes, mine), "load-" + i);
            t.start();
            threads.add(t);
        }
        if (pid != null) {
            Thread.sleep(sigtermAfterMs);
            new ProcessBuilder("kill", "-TERM", pid).inheritIO().start().waitFor();
            System.out.println("SIGTERM sent to " + pid + " after " + sigtermAfterMs + " ms");
        }
        for (Thread t : threads) t.join();
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l.nanos, 0, l.count)).sorted().toArray();
        System.out.println("outcomes: " + outcomes);
        if (all.length > 0) {
            System.out.printf(Locale.ROOT, "200s: %d (%.0f/s), p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                    all.length, all.length / (double) seconds, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999),
                    all[all.length - 1] / 1e6);
        }
    }

    /** One thread's latencies of 200 answers, nanoseconds. */
    static final class Latencies {
        long[] nanos = new long[1 << 16];
        int count;

        void add(long n) {
            if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
            nanos[count++] = n;
        }
    }

    /** One connection's loop. */
    private static void run(String host, int port, byte[] request, long end, Map<String, Long> outcomes, Latencies l) {
        Socket s = null;
        while (System.nanoTime() < end) {
            String outcome;
            try {
                if (s == null) s = new Socket(host, port);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream());
                long t0 = System.nanoTime();
                out.write(request);
                out.flush();
                String[] r = readResponse(in);
                long nanos = System.nanoTime() - t0;
                int status = Integer.parseInt(r[0]);
                if (status == 200) {
                    l.add(nanos);
                    outcome = "200";
                } else {
                    String code = r[2].replaceAll("(?s).*\"error\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                    outcome = status + " " + code + (r[1].toLowerCase(Locale.ROOT).contains("retry-after") ? " +Retry-After" : "");
                }
                if (r[1].toLowerCase(Locale.ROOT).contains("connection: close")) {
                    s.close();
                    s = null;
                }
            } catch (ConnectException e) {
                outcome = "connection refused (this client stops)";
                synchronized (outcomes) {
                    outcomes.merge(outcome, 1L, Long::sum);
                }
                return; // the server no longer listens: nothing more to learn
            } catch (SocketException e) {
                outcome = "connection reset (" + e.getMessage() + ")";
                s = null;
            } catch (EOFException e) {
                outcome = "closed without an answer";
                s = null;
            } catch (IOException e) {
                outcome = "I/O error " + e.getClass().getSimpleName();
                s = null;
            }
            synchronized (outcomes) {
                outcomes.merge(outcome, 1L, Long::sum);
            }
        }
    }

    /** [status, headers, body] of one Content-Length response. */
    private static String[] readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new EOFException();
            head.append((char) c);
        }
        int length = 0;
        for (String h : head.toString().split("\r\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new EOFException();
        return new String[] {head.substring(9, 12), head.toString(), new String(body, StandardCharsets.UTF_8)};
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
