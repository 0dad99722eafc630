package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The code was exchanged, once, for the grant's first token.
 *
 * @param refreshExpiresAt the absolute end of the grant's refresh tokens, whatever rotations follow
 */
@Revision("3") // 2: the token's audience (RFC 8707); 3: the key of a JWT access token (RFC 9068)
public record AuthorizationCodeRedeemed(String grantId, String clientId, String userId, GrantToken token,
                                        Instant refreshExpiresAt, Actor actor) implements GrantEvent {
}
