import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients looping GET /sidecar/resources/series (no since unless given), as fast as the server
 * answers. Prints answers/s, the mean answer size and the statuses at the end.
 *
 *   java model-server/scripts/SeriesReaders.java http://127.0.0.1:8080 16 30 [query, e.g. since=0]
 */
public class SeriesReaders {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        String query = args.length > 3 ? "?" + args[3] : "";
        URI uri = URI.create(base + "/sidecar/resources/series" + query);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong bytes = new AtomicLong();
        Map<Integer, Long> statuses = new TreeMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
                while (System.nanoTime() < end) {
                    int status;
                    try {
                        HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                        bytes.addAndGet(r.body().length);
                        status = r.statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    synchronized (statuses) {
                        statuses.merge(status, 1L, Long::sum);
                    }
                }
            }, "series-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        long answers = statuses.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%d clients, %d s: %d answers (%.0f/s), mean %.0f bytes, statuses %s (-1 = I/O error)%n",
                clients, seconds, answers, answers / (double) seconds, bytes.get() / (double) Math.max(1, answers), statuses);
    }
}
