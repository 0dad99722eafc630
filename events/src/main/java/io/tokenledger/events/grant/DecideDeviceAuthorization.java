package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A signed-in user's answer on the verification page (RFC 8628 §3.3): approve or deny the device's request.
 *
 * @param authentication how the user signed in, as the grant's ID tokens will state it
 */
public record DecideDeviceAuthorization(@TargetAggregateIdentifier String grantId, String userId, boolean approved,
                                        Authentication authentication, Instant decidedAt, Actor actor) {

    /** What became of the answer: only a pending, unexpired request records one. */
    public enum Outcome { RECORDED, ALREADY_DECIDED, EXPIRED }
}
