package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Replace a client's metadata.
 *
 * @param registrationTokenHash the hash of the registration access token that replaces the current one
 *                              (RFC 7592 §2.2), or null to leave it as it is
 */
public record UpdateClient(@TargetAggregateIdentifier String clientId, String clientName, List<String> redirectUris,
                           List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                           List<String> postLogoutRedirectUris, boolean firstParty, String accessTokenFormat,
                           String backchannelLogoutUri, String jwksUri, String jwks,
                           boolean requirePushedAuthorizationRequests, boolean dpopBoundAccessTokens,
                           TokenExchangePolicy tokenExchange,
                           String registrationTokenHash, Instant updatedAt, Actor actor) {
}
