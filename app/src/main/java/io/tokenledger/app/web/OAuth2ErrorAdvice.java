package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.tokenledger.app.oauth2.BodyTooLarge;
import io.tokenledger.app.oauth2.Causes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Locale;

/**
 * Failures in controllers, answered by {@link ErrorResponses}. Spring MVC's own refusals (no such path, wrong method
 * or media type, unreadable body, …) keep the status Spring gives them and get the same JSON shape.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OAuth2ErrorAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> failed(Exception e) {
        return ErrorResponses.failed(e);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        HttpStatus known = HttpStatus.resolve(status.value());
        ResponseEntity<String> answer = known == null || !known.is4xxClientError()
                                        || Causes.find(e, BodyTooLarge.class) != null
                ? ErrorResponses.failed(e)
                : ErrorResponses.of(known, OAuth2Error.INVALID_REQUEST.setDescription(
                        known.getReasonPhrase().toLowerCase(Locale.ROOT)), headers);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).body(answer.getBody());
    }
}
