package io.tokenledger.app.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.projections.EventKey;
import io.tokenledger.query.ledger.EventJson;
import io.tokenledger.query.ledger.LedgerEvent;
import io.tokenledger.query.ledger.PersonalDataReveal;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An event as a Kafka record: keyed by its stream, so a stream's events keep their order in one partition; its value
 * the JSON of an event in the ledger's histories ({@code /ledger/…/history}: position, stream, sequence, type,
 * revision, time, payload without the hashes of secrets, metadata with its personal data decrypted while its key
 * lives); its position also in a header, for consumers that de-duplicate before parsing.
 */
final class StreamRecords {

    static final String POSITION_HEADER = "ledger-position";
    static final String TYPE_HEADER = "ledger-event-type";

    private final Serializer events;
    private final ObjectMapper json;
    private final PersonalDataReveal personalData;

    StreamRecords(Serializer events, ObjectMapper json, PersonalDataReveal personalData) {
        this.events = events;
        this.json = json;
        this.personalData = personalData;
    }

    ProducerRecord<String, byte[]> of(String topic, EventMessage<?> event, long position) {
        LedgerEvent recorded = recorded(event, position);
        // No timestamp of the event's own: Kafka's retention counts from the record's, and a stream that starts on an
        // old ledger would otherwise publish history that a default topic deletes at once.
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, recorded.aggregateId(), write(recorded));
        record.headers().add(POSITION_HEADER, Long.toString(position).getBytes(StandardCharsets.US_ASCII));
        record.headers().add(TYPE_HEADER, recorded.type().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** As the event table holds it: an event outside any aggregate is a stream of its own ({@link EventKey}). */
    private LedgerEvent recorded(EventMessage<?> event, long position) {
        SerializedObject<byte[]> payload = events.serialize(event.getPayload(), byte[].class);
        EventKey key = EventKey.of(event);
        String aggregateType = event instanceof DomainEventMessage<?> domain ? domain.getType() : null;
        return new LedgerEvent(position, aggregateType, key.aggregateIdentifier(), key.sequenceNumber(),
                payload.getType().getName(), payload.getType().getRevision(), event.getTimestamp(),
                EventJson.details(json, payload.getData()),
                personalData.revealAll(EventJson.read(json,
                        events.serialize(event.getMetaData(), byte[].class).getData())));
    }

    private byte[] write(LedgerEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("an event that cannot be written as JSON", e);
        }
    }
}
