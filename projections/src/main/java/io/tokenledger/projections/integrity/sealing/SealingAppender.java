package io.tokenledger.projections.integrity.sealing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * Axon's insert of appended events, with each event's seal and its key's id in its own row: the seal is taken from
 * the very bytes the statement stores, so sealing costs no read-back and no statement of its own. The rest is Axon's
 * default statement, an event that is not an aggregate's stored as Axon stores it. Each event first passes through
 * {@code protection} (its personal data encrypted), so that what is sealed and chained is what is stored.
 */
public final class SealingAppender implements AppendEventsStatementBuilder {

    private final Seals seals;
    private final BeforeSealing protection;

    public SealingAppender(Seals seals, BeforeSealing protection) {
        this.seals = seals;
        this.protection = protection;
    }

    public SealingAppender(Seals seals) {
        this(seals, BeforeSealing.NOTHING);
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (dataType != byte[].class) {
            throw new IllegalStateException("events are sealed over their stored bytes: payloads must be bytea");
        }
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + schema.domainEventFields() + ", seal, seal_key_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        for (EventMessage<?> event : protection.apply(events)) {
            Seals.EventRow row = row(event, serializer);
            statement.setString(1, row.eventIdentifier());
            statement.setString(2, row.aggregateIdentifier());
            statement.setLong(3, row.sequenceNumber());
            statement.setString(4, row.type());
            statement.setString(5, row.timeStamp());
            statement.setString(6, row.payloadType());
            statement.setString(7, row.payloadRevision());
            statement.setBytes(8, row.payload());
            statement.setBytes(9, row.metaData());
            statement.setBytes(10, seals.atAppend(row));
            statement.setString(11, seals.keyId());
            statement.addBatch();
        }
        return statement;
    }

    private static Seals.EventRow row(EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        byte[] metaData = event.serializeMetaData(serializer, byte[].class).getData();
        String timestamp = formatInstant(event.getTimestamp());
        if (event instanceof DomainEventMessage<?> domain) {
            return new Seals.EventRow(event.getIdentifier(), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), domain.getType(), timestamp, payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData(), metaData);
        }
        return new Seals.EventRow(event.getIdentifier(), event.getIdentifier(), 0L, null, timestamp,
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metaData);
    }
}
