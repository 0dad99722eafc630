package io.tokenledger.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

/**
 * An OAuth2 endpoint that authenticates its clients itself and takes only {@code POST} (token, introspection,
 * revocation). {@link ProtocolEndpointFilter} serves it; a refusal it throws is answered by {@link ErrorResponses}.
 */
public interface ProtocolEndpoint {

    /** The exact request path it answers. */
    String path();

    /** Answers one {@code POST} to {@link #path()}. The body, if any, is a string. */
    ResponseEntity<?> handle(HttpServletRequest request);
}
