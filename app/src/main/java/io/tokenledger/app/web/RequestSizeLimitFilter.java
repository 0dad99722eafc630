package io.tokenledger.app.web;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.oauth2.BodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses oversized bodies with 413 before anything reads them; one sent chunked, whose length is not known before,
 * is counted as it is read and refused once past the limit ({@link BodyTooLarge}). The connection is left to Tomcat: it reads and
 * discards the refused body up to {@code server.tomcat.max-swallow-size} and keeps the connection, so the client,
 * still sending, gets to read the 413; closing at once, with the body unread, resets the connection, and the client
 * can lose the answer (RFC 9112 §9.6). Larger bodies are still cut off.
 */
@Component
@Order(FilterOrder.REQUEST_SIZE_LIMIT)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBody;

    public RequestSizeLimitFilter(LedgerProperties ledger) {
        this.maxBody = ledger.maxRequestBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBody) {
            ErrorResponses.write(response, ErrorResponses.refused(new BodyTooLarge(maxBody).refusal()));
            return;
        }
        chain.doFilter(BodyTooLarge.limit(request, maxBody), response);
    }
}
