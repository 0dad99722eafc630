package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.tokenledger.app.web.DatabaseUnavailableFilter;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Every refusal is an RFC 6749 §5.2 JSON error: no stack trace, no echo of a secret, and never a 500 for
 * something the caller did. Spring MVC's own refusals (no such path, wrong method or media type, unreadable
 * body, …) keep the status Spring gives them and get the same JSON shape.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OAuth2ErrorAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OAuth2ErrorAdvice.class);

    @ExceptionHandler(OAuth2Exception.class)
    public ResponseEntity<Object> refused(OAuth2Exception e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.error().getHTTPStatusCode());
        if (e.basicChallenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"token-ledger\", charset=\"UTF-8\"");
        }
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        return body(response, e.error());
    }

    /** Spring Security's firewall found a parameter it will not let through (read lazily, so inside a handler). */
    @ExceptionHandler(RequestRejectedException.class)
    public ResponseEntity<Object> rejected(RequestRejectedException e) {
        return body(ResponseEntity.status(HttpStatus.BAD_REQUEST), RejectedRequests.ERROR);
    }

    /** Two nodes changed one aggregate at once; the loser appended nothing and may retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<Object> conflict(Exception e) {
        return error(HttpStatus.CONFLICT, OAuth2Error.INVALID_REQUEST, "a concurrent change won; retry");
    }

    /**
     * A fault of ours, logged with its stack trace and answered without it; unless the database was out of reach
     * or refused the transaction (a timeout, a deadline), itself or inside a wrapper: then nothing was changed, 503.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e) {
        BodyTooLarge tooLarge = Causes.find(e, BodyTooLarge.class);
        if (tooLarge != null) {
            return refused(tooLarge.refusal());
        }
        if (unstorableCharacter(e)) {
            return error(HttpStatus.BAD_REQUEST, OAuth2Error.INVALID_REQUEST,
                    "a value holds a character the ledger cannot store (NUL)");
        }
        if (DatabaseUnavailableFilter.isCause(e)) {
            DatabaseUnavailableFilter.logged(e);
            return body(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                                      .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailableFilter.RETRY_AFTER_SECONDS),
                    DatabaseUnavailableFilter.ERROR);
        }
        log.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, OAuth2Error.SERVER_ERROR, "unexpected server error");
    }

    /**
     * PostgreSQL text cannot hold U+0000 (SQLSTATE 22021), so a parameter carrying one fails the first statement it
     * reaches; that statement's transaction rolls back whole. The caller sent it: 400, for every endpoint at once.
     */
    private static boolean unstorableCharacter(Throwable failure) {
        return Causes.any(failure, cause -> cause instanceof SQLException sql && "22021".equals(sql.getSQLState()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null || !known.is4xxClientError() || Causes.find(e, BodyTooLarge.class) != null) {
            return unexpected(e);
        }
        return body(ResponseEntity.status(known).headers(headers),
                OAuth2Error.INVALID_REQUEST.setDescription(known.getReasonPhrase().toLowerCase(Locale.ROOT)));
    }

    private static ResponseEntity<Object> error(HttpStatus status, ErrorObject error, String description) {
        return body(ResponseEntity.status(status), error.setDescription(description));
    }

    private static ResponseEntity<Object> body(ResponseEntity.BodyBuilder response, ErrorObject error) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store")
                       .contentType(MediaType.APPLICATION_JSON)
                       .body(error.toJSONObject().toJSONString());
    }
}
