package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Replace a client's metadata. */
public record UpdateClient(@TargetAggregateIdentifier String clientId, String clientName, List<String> redirectUris,
                           List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                           Instant updatedAt, Actor actor) {
}
