package io.tokenledger.events.grant;

import java.time.Instant;
import java.util.List;

/**
 * A token issued for a grant: an access token and its refresh token. It lives in the grant's event stream,
 * which is what makes the refresh chain and its revocation one consistency boundary.
 *
 * @param accessTokenHash  {@code sha256:<hex>} of the access token; never the token
 * @param refreshTokenHash {@code sha256:<hex>} of the refresh token; never the token
 * @param expiresAt        when the access token expires
 * @param audience         the resources the access token is for (RFC 8707), or {@code null} when it is not
 *                         restricted
 * @param keyId            the key that signs the access token when it is a JWT (RFC 9068), whose claims are all
 *                         here; then {@code accessTokenHash} is null, the value being signed only after this is
 *                         recorded. Null for an opaque access token (and in events before the grant events' revision 3)
 * @param jkt              the thumbprint of the DPoP key the access token is bound to (RFC 9449 §6); null for a
 *                         bearer token (and in events before the grant events' revision 4)
 */
public record GrantToken(String tokenId, List<String> scopes, List<String> audience, String accessTokenHash,
                         String refreshTokenHash, Instant issuedAt, Instant expiresAt, String keyId,
                         String jkt) {

    public boolean jwt() {
        return keyId != null;
    }
}
