package io.tokenledger.app.web;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;

/**
 * The order of the servlet filters, in one place, first to last. Each reason is why a filter must come where it is.
 * Spring Boot's own {@code CharacterEncodingFilter} also runs at {@link Ordered#HIGHEST_PRECEDENCE}; none of these
 * reads a body before it.
 */
public final class FilterOrder {

    /** First: every answer, refusals included, carries the request's id, and the audit log can name it. */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    /** Second: it logs every answer the filters after it give, with the request's id. */
    public static final int ACCESS_LOG = REQUEST_ID + 1;
    /** Before anything reads the body, so none reads more than the limit. */
    public static final int REQUEST_SIZE_LIMIT = ACCESS_LOG + 1;
    /** A path this node's role does not serve is refused before any work is done for it. */
    public static final int ROLE = REQUEST_SIZE_LIMIT + 1;
    /** Wraps what follows, so a lost database anywhere below is a 503, not a 500. */
    public static final int DATABASE_UNAVAILABLE = ROLE + 1;
    /** After the database's guard (it reads the clients), before anything answers: a preflight ends here. */
    public static final int CORS = DATABASE_UNAVAILABLE + 1;
    public static final int WILDCARD_CONTENT_TYPE = CORS + 1;
    /** Just before Spring Security: the protocol endpoints authenticate clients themselves (RFC 6749 §2.3). */
    public static final int PROTOCOL_ENDPOINTS = SecurityProperties.DEFAULT_FILTER_ORDER - 1;

    private FilterOrder() {
    }
}
