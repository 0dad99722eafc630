package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Register a client; registering an id that exists is refused by the event store.
 *
 * @param registrationTokenHash the hash of its registration access token (RFC 7592 §3), or null for none
 */
public record RegisterClient(@TargetAggregateIdentifier String clientId, String clientName, String secretHash,
                             List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                             String tokenEndpointAuthMethod, List<String> postLogoutRedirectUris, boolean firstParty,
                             String accessTokenFormat, String backchannelLogoutUri, String jwksUri, String jwks,
                             boolean requirePushedAuthorizationRequests, boolean dpopBoundAccessTokens,
                             TokenExchangePolicy tokenExchange,
                             String registrationTokenHash, Instant registeredAt, Actor actor) {
}
