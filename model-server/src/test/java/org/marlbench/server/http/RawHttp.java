package org.marlbench.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests java.net.http will not send (bad
 * Content-Length, headers only, huge headers) and for reading exactly what the server wrote.
 */
final class RawHttp {
    /** Status line, headers (names lower-cased) and body of one response. */
    record Response(int status, String head, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) return line.substring(prefix.length()).trim();
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} as is and reads one response (Content-Length body, or up to close). */
    static Response exchange(int port, String request) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response: headers, then Content-Length bytes (or everything until the server closes). */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int headerEnd = -1;
        long contentLength = -1;
        byte[] buf = new byte[8192];
        while (true) {
            if (headerEnd >= 0 && contentLength >= 0 && out.size() >= headerEnd + 4 + contentLength) break;
            int n = in.read(buf);
            if (n < 0) break;
            out.write(buf, 0, n);
            if (headerEnd < 0) {
                String text = out.toString(StandardCharsets.ISO_8859_1);
                headerEnd = text.indexOf("\r\n\r\n");
                if (headerEnd >= 0) {
                    for (String line : text.substring(0, headerEnd).split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            contentLength = Long.parseLong(line.substring(15).trim());
                        }
                    }
                }
            }
        }
        String all = out.toString(StandardCharsets.UTF_8);
        if (headerEnd < 0) throw new IOException("no complete response: '" + all + "'");
        String head = all.substring(0, headerEnd);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Response(status, head, all.substring(headerEnd + 4));
    }

    /** A POST to the decision route with these extra header lines and body, connection closed after. */
    static String post(String contentType, String body) {
        return "POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }
}
