package io.tokenledger.events.par;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Record a pushed authorization request; its id is the hash of the {@code request_uri} handed out for it. */
public record PushAuthorizationRequest(@TargetAggregateIdentifier String requestId, String clientId,
                                       Map<String, List<String>> parameters, Instant pushedAt, Instant expiresAt,
                                       Actor actor) {
}
