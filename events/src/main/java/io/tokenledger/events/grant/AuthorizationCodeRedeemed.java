package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The code was exchanged, once, for the grant's first token.
 *
 * @param refreshExpiresAt the absolute end of the grant's refresh tokens, whatever rotations follow
 * @param refreshJkt       the thumbprint of the DPoP key every refresh of the grant must prove possession of: a
 *                         public client's (RFC 9449 §5); null when its refresh tokens are not bound (revision 4)
 */
@Revision("4") // 2: audience (RFC 8707); 3: the key of a JWT access token (RFC 9068); 4: DPoP (RFC 9449)
public record AuthorizationCodeRedeemed(String grantId, String clientId, String userId, GrantToken token,
                                        Instant refreshExpiresAt, String refreshJkt, Actor actor)
        implements GrantEvent {
}
