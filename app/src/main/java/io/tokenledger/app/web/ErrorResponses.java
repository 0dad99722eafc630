package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.tokenledger.app.oauth2.BodyTooLarge;
import io.tokenledger.app.oauth2.Causes;
import io.tokenledger.app.oauth2.DPoPNonces;
import io.tokenledger.app.oauth2.OAuth2Exception;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The one place that writes an error: every refusal and failure is an RFC 6749 §5.2 JSON body with
 * {@code Cache-Control: no-store}, no stack trace, no echo of a secret, and never a 500 for something the caller did.
 * Controllers reach it through {@link OAuth2ErrorAdvice}; filters, which answer before any controller, directly.
 */
public final class ErrorResponses {

    static final ErrorObject MALFORMED = OAuth2Error.INVALID_REQUEST.setDescription(
            "the request was rejected as malformed");
    private static final ErrorObject DATABASE_UNAVAILABLE = OAuth2Error.TEMPORARILY_UNAVAILABLE
            .setDescription("the ledger database is unavailable; retry shortly");
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** The answer to any failure while serving a request. */
    public static ResponseEntity<String> failed(Throwable e) {
        if (e instanceof OAuth2Exception refused) {
            return refused(refused);
        }
        if (e instanceof RequestRejectedException) {
            // Spring Security's firewall found a parameter it will not let through (read lazily, inside a handler).
            return of(HttpStatus.BAD_REQUEST, MALFORMED);
        }
        if (e instanceof ConcurrencyException || e instanceof AggregateStreamCreationException) {
            // Two nodes changed one aggregate at once; the loser appended nothing and may retry.
            return of(HttpStatus.CONFLICT, OAuth2Error.INVALID_REQUEST.setDescription("a concurrent change won; retry"));
        }
        return unexpected(e);
    }

    /**
     * A refusal as it says: its status, a Basic challenge (RFC 6749 §5.2), Retry-After and a DPoP nonce (RFC 9449
     * §8) where it asks for them.
     */
    public static ResponseEntity<String> refused(OAuth2Exception e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.basicChallenge()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"token-ledger\", charset=\"UTF-8\"");
        }
        e.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        e.dpopNonce().ifPresent(nonce -> headers.set(DPoPNonces.HEADER, nonce));
        return of(HttpStatusCode.valueOf(e.error().getHTTPStatusCode()), e.error(), headers);
    }

    public static ResponseEntity<String> of(HttpStatusCode status, ErrorObject error) {
        return of(status, error, HttpHeaders.EMPTY);
    }

    public static ResponseEntity<String> of(HttpStatusCode status, ErrorObject error, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers)
                             .header(HttpHeaders.CACHE_CONTROL, "no-store")
                             .contentType(MediaType.APPLICATION_JSON)
                             .body(error.toJSONObject().toJSONString());
    }

    /** Whether this failure, or one it wraps, says the database could not be reached or refused the transaction. */
    public static boolean databaseUnavailable(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof DataAccessResourceFailureException
                || cause instanceof TransactionException || cause instanceof TransientDataAccessException);
    }

    /** Writes an answer where no controller can: in a filter, or a handler Spring Security calls. */
    public static void write(HttpServletResponse response, ResponseEntity<String> answer) throws IOException {
        response.resetBuffer();
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.getWriter().write(answer.getBody());
    }

    /**
     * A fault of ours, logged with its stack trace and answered without it; unless the database was out of reach
     * or refused the transaction (a timeout, a deadline), itself or inside a wrapper: then nothing was changed, 503.
     */
    private static ResponseEntity<String> unexpected(Throwable e) {
        BodyTooLarge tooLarge = Causes.find(e, BodyTooLarge.class);
        if (tooLarge != null) {
            return refused(tooLarge.refusal());
        }
        if (unstorableCharacter(e)) {
            return of(HttpStatus.BAD_REQUEST, OAuth2Error.INVALID_REQUEST.setDescription(
                    "a value holds a character the ledger cannot store (NUL)"));
        }
        if (databaseUnavailable(e)) {
            log.warn("database unavailable: {}", e.getMessage());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return of(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, headers);
        }
        log.error("unexpected failure", e);
        return of(HttpStatus.INTERNAL_SERVER_ERROR, OAuth2Error.SERVER_ERROR.setDescription("unexpected server error"));
    }

    /**
     * PostgreSQL text cannot hold U+0000 (SQLSTATE 22021), so a parameter carrying one fails the first statement it
     * reaches; that statement's transaction rolls back whole. The caller sent it: 400, for every endpoint at once.
     */
    private static boolean unstorableCharacter(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof SQLException sql && "22021".equals(sql.getSQLState()));
    }
}
