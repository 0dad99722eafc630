package io.tokenledger.events.session;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A session ended, once: its cookie signs no one in from then on. */
@Revision("1")
public record SessionEnded(String sessionId, String userId, SessionEndReason reason, Instant endedAt, Actor actor)
        implements SessionEvent {
}
