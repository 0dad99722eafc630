package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.tokenledger.app.oauth2.Causes;
import io.tokenledger.app.oauth2.RejectedRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
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

    public static final ErrorObject ERROR = OAuth2Error.TEMPORARILY_UNAVAILABLE
            .setDescription("the ledger database is unavailable; retry shortly");
    public static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!isCause(e) || response.isCommitted()) {
                throw e;
            }
            logged(e);
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            RejectedRequests.write(response, HttpStatus.SERVICE_UNAVAILABLE, ERROR);
        }
    }

    /** Whether this failure, or one it wraps, says the database could not be reached or refused the transaction. */
    public static boolean isCause(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof DataAccessResourceFailureException
                || cause instanceof TransactionException || cause instanceof TransientDataAccessException);
    }

    public static void logged(Throwable failure) {
        log.warn("database unavailable: {}", failure.getMessage());
    }
}
