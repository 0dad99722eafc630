package io.tokenledger.projections.integrity.sealing;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.stream.Stream;

/**
 * Axon's JDBC storage without snapshots. Axon reads an aggregate's snapshot row before its events at every load, even
 * when nothing ever writes one, as here: the ledger's streams are a few events long. That read cost a round trip per
 * revocation, redemption and refresh, and it trusted a table no seal covers: a snapshot row written with SQL would
 * have replaced the sealed events before it as the aggregate's state, and so decided what the ledger records next.
 * Aggregates are rebuilt from their sealed events only.
 */
public final class SnapshotFreeStorageEngine extends JdbcEventStorageEngine {

    private SnapshotFreeStorageEngine(Builder builder) {
        super(builder);
    }

    public static SnapshotFreeStorageEngine of(Builder builder) {
        return new SnapshotFreeStorageEngine(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }
}
