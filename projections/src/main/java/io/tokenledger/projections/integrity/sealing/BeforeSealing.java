package io.tokenledger.projections.integrity.sealing;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * What happens to a batch of events about to be appended before each is sealed (their personal data encrypted, issue
 * 25): what it returns, in the same order, is what is stored, sealed and chained.
 */
@FunctionalInterface
public interface BeforeSealing {

    BeforeSealing NOTHING = events -> List.copyOf(events);

    List<EventMessage<?>> apply(List<? extends EventMessage<?>> events);
}
