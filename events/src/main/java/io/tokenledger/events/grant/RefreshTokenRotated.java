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
 */
@Revision("4") // 2: audience (RFC 8707); 3: the key of a JWT access token (RFC 9068); 4: its DPoP key (RFC 9449)
public record RefreshTokenRotated(String grantId, String clientId, String userId, String fromTokenId, GrantToken token,
                                  String supersededTokenId, Instant refreshExpiresAt, Actor actor)
        implements GrantEvent {
}
