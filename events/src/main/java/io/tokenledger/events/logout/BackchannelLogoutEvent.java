package io.tokenledger.events.logout;

/**
 * What happens to one back-channel logout (OpenID Connect Back-Channel Logout 1.0): a client that registered a
 * {@code backchannel_logout_uri} is to be told that a session it had signed a user in through ended; each delivery
 * attempt is recorded, until one is answered 2xx or the attempts run out.
 */
public sealed interface BackchannelLogoutEvent
        permits BackchannelLogoutRequested, BackchannelLogoutDelivered, BackchannelLogoutFailed {

    String logoutId();

    String clientId();
}
