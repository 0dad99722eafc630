package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A refresh token was used: it is retired and a new token carries the grant on (RFC 9700 §4.14.2). The retired
 * token's access token stays valid until it expires.
 *
 * @param supersededTokenId on a retry within the retry window, the unused token this one replaces (and
 *                          revokes); otherwise null
 * @param refreshJkt        the DPoP key the grant's refresh tokens are bound to from this rotation on, when it binds
 *                          them: a public client's first refresh with a proof, its code redeemed without one (RFC
 *                          9449 §5); null otherwise (and before revision 5)
 */
@Revision("5") // 2: audience; 3: a JWT access token's key; 4: its DPoP key; 5: the refresh tokens' DPoP binding
public record RefreshTokenRotated(String grantId, String clientId, String userId, String fromTokenId, GrantToken token,
                                  String supersededTokenId, Instant refreshExpiresAt, String refreshJkt, Actor actor)
        implements GrantEvent {
}
