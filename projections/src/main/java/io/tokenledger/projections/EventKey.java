package io.tokenledger.projections;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * The key of an event's row in the event table: Axon's {@code (aggregate_identifier, sequence_number)}, which it keeps
 * unique for its own concurrency check. Projections that need an event's position look its row up by this key, so
 * the event id needs no index of its own (V12).
 */
public record EventKey(String aggregateIdentifier, long sequenceNumber) {

    /** An event no aggregate applied is stored under its own id at sequence 0, as Axon's JDBC engine does. */
    public static EventKey of(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain
                ? new EventKey(domain.getAggregateIdentifier(), domain.getSequenceNumber())
                : new EventKey(event.getIdentifier(), 0);
    }
}
