package io.tokenledger.projections.integrity.sealing;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** Axon's event tables as migration V1 creates them: snake_case, which Axon's defaults are not. */
public final class EventTable {

    private EventTable() {
    }

    public static EventSchema schema() {
        return EventSchema.builder()
                          .eventTable("domain_event_entry")
                          .snapshotTable("snapshot_event_entry")
                          .globalIndexColumn("global_index")
                          .timestampColumn("time_stamp")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }
}
