package io.tokenledger.events.grant;

/**
 * What can happen to an authorization grant: the authorization code or the device's request (RFC 8628) that starts
 * it, the refresh tokens that carry it on, and its end.
 */
public sealed interface GrantEvent permits AuthorizationCodeIssued, AuthorizationCodeRedeemed,
        AuthorizationCodeReplayed, RefreshTokenRotated, IdTokenIssued, RefreshTokenReused, GrantNarrowed,
        GrantRevoked, DeviceAuthorizationRequested, DeviceAuthorizationApproved, DeviceAuthorizationDenied,
        DeviceAuthorizationExpired, DeviceCodeRedeemed {

    String grantId();

    String clientId();
}
