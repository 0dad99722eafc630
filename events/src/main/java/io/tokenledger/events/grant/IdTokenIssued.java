package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An OpenID Connect ID token was issued with one of the grant's tokens (OpenID Connect Core §2, §12.2): every claim
 * it carries, and the key that signed it. The signature is not recorded; the claims and the key's public half, in
 * {@code SigningKeyGenerated}, are what settles whether a presented ID token came from here.
 *
 * @param idTokenId its {@code jti}
 * @param tokenId   the access token it came with
 * @param keyId     the {@code kid} of the key that signed it
 * @param nonce     the authorization request's {@code nonce}; null when it sent none, and on refresh (§12.2)
 * @param atHash    {@code at_hash} (§3.1.3.6): half the access token's SHA-256, which is all the ledger holds of it
 */
@Revision("1")
public record IdTokenIssued(String grantId, String clientId, String userId, String idTokenId, String tokenId,
                            String keyId, String issuer, String nonce, String atHash, Authentication authentication,
                            Instant issuedAt, Instant expiresAt, Actor actor) implements GrantEvent {
}
