import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Slow senders: each of the connections sends the headers of a decision request declaring a body of
 * contentLength bytes, then one body byte every intervalMs, until the server answers or closes --
 * and then starts over on a new connection, so that many are trickling at every moment of the run.
 * The connections start spread over one interval, so their bytes do not all arrive at one instant.
 * Prints, every 5 s and at the end, what the answered ones got.
 *
 *   java model-server/scripts/Trickle.java 127.0.0.1 8080 100 2000 30 [contentLength=7942]
 *            host      port connections intervalMs seconds
 */
public class Trickle {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        long intervalMs = Long.parseLong(args[3]);
        long seconds = Long.parseLong(args[4]);
        int contentLength = args.length > 5 ? Integer.parseInt(args[5]) : 7942;
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Thread> threads = new ArrayList<>();
        long end = System.currentTimeMillis() + seconds * 1000;
        for (int i = 0; i < connections; i++) {
            long offsetMs = connections > 1 ? intervalMs * i / connections : 0;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(offsetMs); // spread over one interval: not all bytes at the same instant
                } catch (InterruptedException e) {
                    return;
                }
                while (System.currentTimeMillis() < end) {
                    String outcome = trickle(host, port, contentLength, intervalMs, end);
                    synchronized (outcomes) {
                        outcomes.merge(outcome, 1, Integer::sum);
                    }
                }
            }, "trickle-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        while (System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(5000, Math.max(1, end - System.currentTimeMillis())));
            synchronized (outcomes) {
                long alive = threads.stream().filter(Thread::isAlive).count();
                System.out.println("senders " + alive + ", answers so far " + outcomes);
            }
        }
        for (Thread t : threads) t.join(2000);
        synchronized (outcomes) {
            System.out.println("end: " + outcomes + " (\"still trickling\" = no answer when the run ended)");
        }
    }

    /** One connection: the headers, then a byte per interval until an answer (or the end of the run). */
    private static String trickle(String host, int port, int contentLength, long intervalMs, long end) {
        try (Socket s = new Socket(host, port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST /v1/strategic/decision HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int sent = 0;
            while (System.currentTimeMillis() < end) {
                if (in.available() > 0) {
                    byte[] status = in.readNBytes(12);
                    return status.length == 12 ? new String(status, 9, 3, StandardCharsets.US_ASCII) : "closed without an answer";
                }
                if (sent < contentLength) {
                    out.write(sent == 0 ? '{' : ' ');
                    out.flush();
                    sent++;
                }
                // Sleeping (not polling) between bytes: 100 senders must not load the machine they measure.
                Thread.sleep(Math.max(1, Math.min(intervalMs, end - System.currentTimeMillis())));
            }
            return "still trickling";
        } catch (java.io.IOException e) {
            return "closed by the server (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
