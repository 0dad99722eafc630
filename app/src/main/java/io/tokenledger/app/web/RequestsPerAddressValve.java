package io.tokenledger.app.web;

import io.micrometer.core.instrument.Counter;
import io.tokenledger.app.throttle.Addresses;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests one address has in progress, so that slow clients (a body sent a byte at a time) from one
 * address cannot hold every request thread. It runs in Tomcat, after the forwarded headers of a trusted proxy are
 * applied and before anything reads the body. A request over the bound is answered at once and its connection
 * closed without reading the body, so refusing it holds no thread either. IPv6 addresses count per /64, the
 * block one host is usually given.
 */
final class RequestsPerAddressValve extends ValveBase {

    private static final String REFUSAL = "{\"error\":\"temporarily_unavailable\","
            + "\"error_description\":\"too many requests in progress from this address\"}";

    private final int bound;
    private final Counter refused;
    private final ConcurrentHashMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    RequestsPerAddressValve(int bound, Counter refused) {
        super(true);
        this.bound = bound;
        this.refused = refused;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String address = Addresses.block(request.getRemoteAddr());
        if (!acquire(address)) {
            refuse(request, response);
            return;
        }
        try {
            getNext().invoke(request, response);
        } finally {
            inProgress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    private boolean acquire(String address) {
        AtomicInteger count = inProgress.compute(address, (key, current) -> {
            AtomicInteger counted = current == null ? new AtomicInteger() : current;
            counted.incrementAndGet();
            return counted;
        });
        if (count.get() <= bound) {
            return true;
        }
        inProgress.computeIfPresent(address, (key, current) -> current.decrementAndGet() == 0 ? null : current);
        return false;
    }

    private void refuse(Request request, Response response) throws IOException {
        refused.increment();
        // Not reading the body and closing the connection afterwards: Tomcat would otherwise drain it, as slowly as
        // the client sends it.
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        response.setStatus(429);
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write(REFUSAL);
        response.flushBuffer();
        // Tomcat counts a connection it will close as an error: the answer above is that error's whole report, not
        // a page for the application's error handling to render.
        response.setErrorReported();
    }
}
