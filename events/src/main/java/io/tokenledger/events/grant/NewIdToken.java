package io.tokenledger.events.grant;

import java.time.Instant;

/**
 * An ID token the caller will sign if the grant issues one, which it does only when its scopes hold {@code openid}.
 *
 * @param idTokenId its {@code jti}
 * @param keyId     the signing key's {@code kid}
 * @param issuer    its {@code iss}
 */
public record NewIdToken(String idTokenId, String keyId, String issuer, Instant expiresAt) {
}
