package io.tokenledger.app.web;

import io.tokenledger.app.oauth2.ClientAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * One line per request, on the logger {@code io.tokenledger.access}: method, path, status, duration, the request id
 * (from the log context) and the client, once one authenticated. The path only: a query string can carry a code or a
 * state, and no token, secret or code is ever logged. With JSON logs each field is a field of its own
 * ({@code http.request.method}, {@code url.path}, {@code http.response.status_code}, {@code event.duration} in
 * nanoseconds, {@code client.id}, as the Elastic Common Schema names them). On with {@code LEDGER_ACCESS_LOG=true}
 * (the compose deployment's): a line per request written to the console costs about a quarter of an introspection's
 * CPU here (bench/ab, on and off), so a node that ships its access log elsewhere (a proxy's) may leave it off.
 */
@Component
@Order(FilterOrder.ACCESS_LOG)
@ConditionalOnProperty(name = "ledger.access-log", havingValue = "true")
public class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("io.tokenledger.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                written(request, response, System.nanoTime() - started);
            }
        }
    }

    private static void written(HttpServletRequest request, HttpServletResponse response, long nanos) {
        Object client = request.getAttribute(ClientAuthenticator.CLIENT_ID_ATTRIBUTE);
        LoggingEventBuilder line = log.atInfo()
                                      .addKeyValue("http.request.method", request.getMethod())
                                      .addKeyValue("url.path", request.getRequestURI())
                                      .addKeyValue("http.response.status_code", response.getStatus())
                                      .addKeyValue("event.duration", nanos);
        if (client != null) {
            line = line.addKeyValue("client.id", client);
        }
        line.log("{} {} {} {} ms{}", request.getMethod(), request.getRequestURI(), response.getStatus(),
                nanos / 1_000_000, client == null ? "" : " client " + client);
    }
}
