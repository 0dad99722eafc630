package io.tokenledger.events.session;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** End a session; answers whether this ended it ({@code false}: it had ended already). */
public record EndSession(@TargetAggregateIdentifier String sessionId, SessionEndReason reason, Instant endedAt,
                         Actor actor) {
}
