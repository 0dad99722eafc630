package io.tokenledger.events.grant;

/**
 * What can happen to an authorization grant: the authorization code that starts it, the refresh tokens that
 * carry it on, and its end.
 */
public sealed interface GrantEvent permits AuthorizationCodeIssued, AuthorizationCodeRedeemed,
        AuthorizationCodeReplayed, RefreshTokenRotated, IdTokenIssued, RefreshTokenReused, GrantNarrowed,
        GrantRevoked {

    String grantId();

    String clientId();
}
