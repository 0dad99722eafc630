package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

import java.util.Locale;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal is an RFC 6749 §5.2 JSON error: no stack trace, no echo of a secret, and never a 500 for
 * something the caller did.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OAuth2ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OAuth2ErrorAdvice.class);

    @ExceptionHandler(OAuth2Exception.class)
    public ResponseEntity<String> refused(OAuth2Exception e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.error().getHTTPStatusCode());
        if (e.basicChallenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"token-ledger\", charset=\"UTF-8\"");
        }
        return body(response, e.error());
    }

    /** Two nodes changed one aggregate at once; the loser appended nothing and may retry. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<String> conflict(Exception e) {
        return error(HttpStatus.CONFLICT, OAuth2Error.INVALID_REQUEST, "a concurrent change won; retry");
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class})
    public ResponseEntity<String> databaseUnavailable(Exception e) {
        log.warn("database unavailable: {}", e.getMessage());
        return body(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1"),
                OAuth2Error.TEMPORARILY_UNAVAILABLE.setDescription("the ledger database is unavailable; retry shortly"));
    }

    /**
     * Spring MVC's own refusals (no such path, wrong method or media type, …) keep their 4xx status; anything
     * else is a fault of ours, logged with its stack trace and answered without it.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
            return error(status, OAuth2Error.INVALID_REQUEST, status.getReasonPhrase().toLowerCase(Locale.ROOT));
        }
        log.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, OAuth2Error.SERVER_ERROR, "unexpected server error");
    }

    private static ResponseEntity<String> error(HttpStatus status, ErrorObject error, String description) {
        return body(ResponseEntity.status(status), error.setDescription(description));
    }

    private static ResponseEntity<String> body(ResponseEntity.BodyBuilder response, ErrorObject error) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store")
                       .contentType(MediaType.APPLICATION_JSON)
                       .body(error.toJSONObject().toJSONString());
    }
}
