package io.tokenledger.events.par;

/**
 * What can happen to a pushed authorization request (RFC 9126): it is pushed by its client, and used once, by the
 * authorization that issues its code. One stream per request, named by the hash of its {@code request_uri}.
 */
public sealed interface PushedRequestEvent permits AuthorizationRequestPushed, PushedAuthorizationRequestUsed {

    String requestId();

    String clientId();
}
