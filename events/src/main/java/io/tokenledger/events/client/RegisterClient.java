package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Register a client; registering an id that exists is refused by the event store. */
public record RegisterClient(@TargetAggregateIdentifier String clientId, String clientName, String secretHash,
                             List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                             String tokenEndpointAuthMethod, Instant registeredAt, Actor actor) {
}
