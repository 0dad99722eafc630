package io.tokenledger.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's web server on a loopback port, serving the documents a client publishes by URL (its {@code jwks_uri}, a
 * client ID metadata document), and misbehaving as told: slow, huge, or redirecting. It counts what it was asked for.
 */
public final class DocumentServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    /** What a path answers: a status, a body, headers, after a delay; {@code repeat} times the body's bytes. */
    private record Answer(int status, String body, Map<String, String> headers, long delayMillis, int repeat) {
    }

    public DocumentServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    public String uri(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void serve(String path, String json) {
        answers.put(path, new Answer(200, json, Map.of("Content-Type", "application/json"), 0, 1));
    }

    public void serveSlowly(String path, String json, long delayMillis) {
        answers.put(path, new Answer(200, json, Map.of("Content-Type", "application/json"), delayMillis, 1));
    }

    /** The body {@code times} over, sent chunked, so no Content-Length warns of its size. */
    public void serveHuge(String path, String json, int times) {
        answers.put(path, new Answer(200, json, Map.of("Content-Type", "application/json"), 0, times));
    }

    public void redirect(String path, String location) {
        answers.put(path, new Answer(302, "", Map.of("Location", location), 0, 1));
    }

    public int requests(String path) {
        return requests.computeIfAbsent(path, ignored -> new AtomicInteger()).get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, ignored -> new AtomicInteger()).incrementAndGet();
        Answer answer = answers.getOrDefault(path, new Answer(404, "", Map.of(), 0, 1));
        try (exchange) {
            Thread.sleep(answer.delayMillis());
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), answer.repeat() > 1 ? 0 : body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < answer.repeat(); i++) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the server stopped reading, as it should when the body is too big or too slow
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
