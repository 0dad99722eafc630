package io.tokenledger.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * While the database is out of reach nothing can be read or changed: every request gets 503
 * temporarily_unavailable with Retry-After, wherever it failed. The controller advice answers for failures in
 * handlers; this filter for those before them (a bearer token checked by Spring Security, a request-size check).
 */
@Component
@Order(FilterOrder.DATABASE_UNAVAILABLE)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!ErrorResponses.databaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            ErrorResponses.write(response, ErrorResponses.failed(e));
        }
    }
}
