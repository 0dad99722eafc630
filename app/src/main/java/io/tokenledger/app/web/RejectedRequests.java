package io.tokenledger.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        log.debug("rejected a malformed request: {}", rejected.getMessage());
        ErrorResponses.write(response, ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorResponses.MALFORMED));
    }
}
