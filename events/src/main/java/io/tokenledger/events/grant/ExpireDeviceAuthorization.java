package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Record that a device's request went undecided past its expiry; a request decided or expired records nothing. */
public record ExpireDeviceAuthorization(@TargetAggregateIdentifier String grantId, Instant at, Actor actor) {
}
