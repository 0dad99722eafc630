package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The approved device code was exchanged, once, for the grant's first token (RFC 8628 §3.5); refresh tokens carry
 * the grant on from here as after a code's redemption.
 *
 * @param refreshExpiresAt the absolute end of the grant's refresh tokens, whatever rotations follow
 * @param refreshJkt       the DPoP key every refresh must prove possession of (RFC 9449 §5); null when unbound
 */
@Revision("1")
public record DeviceCodeRedeemed(String grantId, String clientId, String userId, GrantToken token,
                                 Instant refreshExpiresAt, String refreshJkt, Actor actor) implements GrantEvent {

    /** RFC 8628 §3.4: the grant type its tokens are issued under. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
}
