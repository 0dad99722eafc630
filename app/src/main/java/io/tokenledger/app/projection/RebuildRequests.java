package io.tokenledger.app.projection;

import io.tokenledger.events.Actor;
import io.tokenledger.events.projection.ProjectionRebuildRequested;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Records who asked for a rebuild, before it starts. Unlike a refused request's security event, a rebuild the
 * ledger could not record does not happen: its failure reaches the caller.
 */
@Component
public class RebuildRequests {

    private final EventGateway events;
    private final Clock clock;

    public RebuildRequests(EventGateway events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void record(String projection, Actor actor) {
        events.publish(new ProjectionRebuildRequested(projection, clock.instant(), actor));
    }
}
