package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An access token (and, for some grants, a refresh token) was issued.
 *
 * @param accessTokenHash  {@code sha256:<hex>} of an opaque access token; the token itself is never recorded.
 *                         Null for a JWT access token, which is signed after this is recorded
 * @param refreshTokenHash {@code sha256:<hex>} of the refresh token, or {@code null} when none was issued
 * @param userId           the resource owner, or {@code null} for a client acting on its own behalf
 * @param audience         the resources the token is for (RFC 8707), or {@code null} when it is not restricted;
 *                         revision 2 added it, and a revision 1 event reads with {@code null}
 * @param keyId            the key that signs the access token when it is a JWT (RFC 9068), whose claims are all in
 *                         this event; null for an opaque one (revision 3 added it)
 * @param jkt              the SHA-256 thumbprint of the key whose DPoP proof it is bound to (RFC 9449 §6), its
 *                         {@code tokenType} then {@code DPoP}; null for a bearer token (revision 4 added it)
 * @param exchangedFrom    the tokens it was exchanged for (RFC 8693), its {@code grantType} then token exchange;
 *                         null for any other grant (revision 5 added it)
 */
@Revision("5")
public record TokenIssued(String tokenId, String clientId, String userId, String grantType, String tokenType,
                          List<String> scopes, List<String> audience, String accessTokenHash, String refreshTokenHash,
                          Instant issuedAt, Instant expiresAt, String keyId, String jkt, ExchangedFrom exchangedFrom,
                          Actor actor)
        implements TokenEvent {

    public boolean jwt() {
        return keyId != null;
    }
}
