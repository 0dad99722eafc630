package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Exchange an approved device code for the grant's first tokens (RFC 8628 §3.4).
 *
 * @param clientScopes the client's scopes now: the grant yields none beyond them
 * @param bindRefresh  whether the grant's refresh tokens are bound to the DPoP key of {@code tokens} (RFC 9449 §5)
 */
public record RedeemDeviceCode(@TargetAggregateIdentifier String grantId, String clientId, List<String> clientScopes,
                               NewTokens tokens, Instant refreshExpiresAt, boolean bindRefresh, Instant redeemedAt,
                               Actor actor) {
}
