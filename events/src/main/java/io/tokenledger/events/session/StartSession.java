package io.tokenledger.events.session;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Start a sign-in session whose cookie the caller generated; only the cookie's hash travels. */
public record StartSession(@TargetAggregateIdentifier String sessionId, String userId, String cookieHash,
                           List<String> methods, Instant startedAt, Instant expiresAt, Actor actor) {
}
