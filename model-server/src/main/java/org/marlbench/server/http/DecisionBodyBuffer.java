package org.marlbench.server.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a decision request's whole body before the request goes on to Javalin, where it takes a
 * thread for its handler and a decision slot. The bytes are collected as they arrive, without a
 * thread waiting for them (Jetty calls back when more come), so a slow sender holds only its
 * connection: neither a thread nor a slot. A body not complete within server.bodyTimeoutMs of the
 * request's arrival is answered 408 request_timeout and the connection closed; unlike the idle
 * timeout, this deadline does not restart on every byte.
 *
 * <p>The usual body arrives with the headers: the first read returns it whole and it is handed on
 * as it is, on the same thread, with no copy, no timer and one small wrapper allocated. Requests the
 * handler refuses from their headers alone (wrong method or media type, declared size over the
 * limit, empty) are not buffered. A JSON request whose declared size is over the limit is answered
 * 413 here, at once, from the headers (the same answer, checks and counts as DecisionHandler's), and
 * then the body the client is still sending is read and dropped (up to {@link #DRAIN_FACTOR} times
 * the limit, within the idle timeout) before the exchange ends: closing with unread bytes in the
 * socket makes the kernel reset the connection, and the reset can overtake the 413 on its way to the
 * client (seen as "Premature close" by Gatling about once in ten runs of ErrorPathSimulation's
 * just-over-1-MiB request). Answered inside Javalin, the rest of the body could not be read: the
 * servlet layer gives up on unread content when its request ends.
 */
final class DecisionBodyBuffer extends Handler.Wrapper {
    /** A declared body up to this many times the limit is read and dropped after its 413; a larger one is not read. */
    static final long DRAIN_FACTOR = 8;
    private final long maxBodyBytes;
    private final long bodyTimeoutMs;
    private final DecisionMetrics metrics;

    DecisionBodyBuffer(long maxBodyBytes, long bodyTimeoutMs, DecisionMetrics metrics) {
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeoutMs = bodyTimeoutMs;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod()) || !DecisionHandler.isDecisionPath(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes && declared <= maxBodyBytes * DRAIN_FACTOR && answeredTooLarge(request, response, callback)) {
            return true;
        }
        if (declared == 0 || declared > maxBodyBytes || !mayBeJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            return super.handle(request, response, callback); // answered from the headers alone
        }
        Content.Chunk first = request.read();
        if (first != null && !Content.Chunk.isFailure(first) && (first.isLast() || first.remaining() == declared)) {
            // The usual case: the whole body came with the headers. On at once, on this thread.
            return super.handle(new BufferedBody(request, first, null), response, callback);
        }
        new Collector(request, response, callback, declared).take(first);
        return true;
    }

    /** 413 from the headers, then the body read and dropped; false when the media type comes first (the handler's 415). */
    private boolean answeredTooLarge(Request request, Response response, Callback callback) {
        try {
            DecisionHandler.checkMediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        } catch (ApiError unsupported) {
            return false;
        }
        try {
            BodyReader.checkDeclared(request.getLength(), maxBodyBytes);
            return false;
        } catch (ApiError tooLarge) {
            metrics.request();
            metrics.error();
            CoreAnswers.error(request, response, new DrainAfterAnswer(request, callback), tooLarge.status(), tooLarge.code(),
                    tooLarge.getMessage(), true);
            return true;
        }
    }

    /** No allocation on the way of every decision: the handler checks the media type in full (415). */
    private static boolean mayBeJson(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/json", 0, 16);
    }

    /** Reads until the body is whole (then hands the request on), the deadline passes, or the read fails. */
    private final class Collector implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final long deadlineNanos;
        private final AtomicBoolean finished = new AtomicBoolean();
        private byte[] bytes; // only when the body comes in several chunks
        private volatile int length;
        private volatile Scheduler.Task timer;

        Collector(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.declared = declared;
            this.deadlineNanos = request.getBeginNanoTime() + TimeUnit.MILLISECONDS.toNanos(bodyTimeoutMs);
        }

        /** The chunk handle() read first (null: nothing yet), then the reading loop. */
        void take(Content.Chunk first) {
            if (first == null || !consume(first)) run();
        }

        /** Every time Jetty says more has arrived. */
        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (System.nanoTime() - deadlineNanos >= 0) {
                        timeOut();
                    } else {
                        armTimer();
                        request.demand(this);
                    }
                    return;
                }
                if (consume(chunk)) return;
            }
        }

        /** Takes one chunk; true when the reading is over (handed on, answered or failed). */
        private boolean consume(Content.Chunk chunk) {
            if (Content.Chunk.isFailure(chunk)) {
                failed(chunk);
                return true;
            }
            boolean last = chunk.isLast();
            if (bytes == null && (last || chunk.remaining() == declared)) {
                proceed(chunk, null); // the whole body in one chunk: hand it on as it is
                return true;
            }
            append(chunk.getByteBuffer());
            chunk.release();
            if (last || length == declared || length > maxBodyBytes) {
                // Over the limit (no Content-Length): the handler sees the excess and answers 413.
                proceed(Content.Chunk.from(ByteBuffer.wrap(bytes, 0, length), true), Content.Chunk.EOF);
                return true;
            }
            return false;
        }

        private void append(ByteBuffer data) {
            int n = data.remaining();
            if (bytes == null) bytes = new byte[(int) Math.min(declared >= 0 ? declared : 8192, maxBodyBytes + 1)];
            if (length + n > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(bytes.length * 2L, length + n), maxBodyBytes + 1 + n));
            data.get(bytes, length, n);
            length += n;
        }

        /** The body is whole: on to the next handler, which reads it from memory. */
        private void proceed(Content.Chunk body, Content.Chunk after) {
            if (!finished.compareAndSet(false, true)) {
                body.release();
                return;
            }
            cancelTimer();
            try {
                Handler next = getHandler();
                if (next == null || !next.handle(new BufferedBody(request, body, after), response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable t) {
                Response.writeError(request, response, callback, t);
            }
        }

        /** The idle timeout ended the read: same answer as the body deadline. Anything else: the handler reports it. */
        private void failed(Content.Chunk failure) {
            if (failure.getFailure() instanceof TimeoutException) {
                timeOut();
                return;
            }
            // e.g. the client closed mid-body: hand on what came, then the failure, as if read directly
            Content.Chunk partial = Content.Chunk.from(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes, 0, length), false);
            proceed(partial, failure);
        }

        private void timeOut() {
            if (!finished.compareAndSet(false, true)) return;
            cancelTimer();
            String got = length + (declared >= 0 ? " of " + declared : "") + " bytes";
            CoreAnswers.error(request, response, callback, 408, "request_timeout", "the request body did not arrive within "
                    + bodyTimeoutMs + " ms (" + got + " received); send the whole body without pauses", true);
        }

        private void armTimer() {
            if (timer == null) {
                long left = deadlineNanos - System.nanoTime();
                timer = request.getComponents().getScheduler().schedule(this::timeOut, Math.max(0, left), TimeUnit.NANOSECONDS);
            }
        }

        private void cancelTimer() {
            Scheduler.Task t = timer;
            if (t != null) t.cancel();
        }
    }

    /**
     * Completes the exchange only once the request body is read to its end (and dropped), so that the
     * connection closes without unread bytes. A read failure (the client closed, the idle timeout)
     * ends it too: then Jetty closes as it would have.
     */
    private static final class DrainAfterAnswer implements Callback, Runnable {
        private final Request request;
        private final Callback callback;

        DrainAfterAnswer(Request request, Callback callback) {
            this.request = request;
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            run();
        }

        @Override
        public void failed(Throwable x) {
            callback.failed(x);
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
                chunk.release();
                if (end) {
                    callback.succeeded();
                    return;
                }
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }

    /** The request with its body already in memory: reads return it at once, then the end (or the failure). */
    private static final class BufferedBody extends Request.Wrapper {
        private Content.Chunk body;
        private final Content.Chunk after;

        BufferedBody(Request request, Content.Chunk body, Content.Chunk after) {
            super(request);
            this.body = body;
            this.after = after;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk c = body;
            if (c != null) {
                body = null;
                return c;
            }
            return after != null ? after : super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (body != null || after != null) demandCallback.run();
            else super.demand(demandCallback);
        }
    }
}
