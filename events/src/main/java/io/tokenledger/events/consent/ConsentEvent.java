package io.tokenledger.events.consent;

/**
 * What can happen to a user's consent to a client (OpenID Connect Core §3.1.2.4): it is granted, widened by a later
 * grant, and revoked. One stream per user and client, named by {@link ConsentId}.
 */
public sealed interface ConsentEvent permits ConsentGranted, ConsentRevoked {

    String consentId();

    String userId();

    String clientId();
}
