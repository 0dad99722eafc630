package io.tokenledger.events.logout;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Tell a client that a session ended. The id is derived from the session and the client, so asking twice (a
 * processor handling the session's end again after a crash) is refused by the event store instead of telling twice.
 */
public record RequestBackchannelLogout(@TargetAggregateIdentifier String logoutId, String sessionId, String userId,
                                       String clientId, String uri, String issuer, Instant requestedAt, Actor actor) {
}
