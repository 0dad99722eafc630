package io.tokenledger.events;

import java.util.List;

/**
 * The keys of an event's metadata that say which request caused it. Part of the published language: the ledger's
 * readers (the audit log, the histories, the stream to Kafka) find them under these names.
 */
public final class RequestMetaData {

    public static final String REMOTE_ADDRESS = "remoteAddress";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    /**
     * A pushed authorization request's {@code login_hint} (RFC 9126, OpenID Connect Core §3.1.2.1): who the client
     * says is signing in, an email or a username, kept as request context rather than among the request's parameters.
     */
    public static final String LOGIN_HINT = "loginHint";
    /** The ones that are personal data, stored encrypted (issue 25). */
    public static final List<String> PERSONAL = List.of(REMOTE_ADDRESS, USER_AGENT, LOGIN_HINT);

    private RequestMetaData() {
    }
}
