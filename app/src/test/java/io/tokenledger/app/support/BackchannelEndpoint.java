package io.tokenledger.app.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A relying party's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 §2.5), a real HTTP server
 * on a loopback port: it keeps the logout tokens it received and answers each with the next status it was given
 * (200 when none is left).
 */
public final class BackchannelEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();

    public BackchannelEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/backchannel", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(URLDecoder.decode(body.substring(body.indexOf('=') + 1), StandardCharsets.UTF_8));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel";
    }

    /** Forgets what it received, and answers these statuses next. */
    public void answerNext(Collection<Integer> statuses) {
        received.clear();
        answers.clear();
        answers.addAll(statuses);
    }

    /** The next logout token it received, or null. */
    public String nextToken() {
        return received.poll();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
