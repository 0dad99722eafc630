package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Spring Security's firewall refuses requests it finds dangerous (encoded slashes or dots in the path, control
 * characters in a parameter name, …). Its default rethrows, which reaches the client as a 500; this answers 400
 * invalid_request in the shape of every other refusal.
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {

    static final ErrorObject ERROR = OAuth2Error.INVALID_REQUEST.setDescription("the request was rejected as malformed");
    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        log.debug("rejected a malformed request: {}", rejected.getMessage());
        write(response, HttpStatus.BAD_REQUEST, ERROR);
    }

    /** An RFC 6749 §5.2 error body, for refusals that happen outside any controller. */
    public static void write(HttpServletResponse response, HttpStatus status, ErrorObject error) throws IOException {
        response.resetBuffer();
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write(error.toJSONObject().toJSONString());
    }
}
