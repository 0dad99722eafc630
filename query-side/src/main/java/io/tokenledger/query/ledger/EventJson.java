package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.events.Redaction;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An event's stored JSON as auditors see it: the event history, the audit log and the stream to Kafka read it alike. */
public final class EventJson {

    private EventJson() {
    }

    /** The payload without its {@code …Hash} fields. */
    public static JsonNode details(ObjectMapper json, byte[] payload) {
        return Redaction.withoutHashes(read(json, payload));
    }

    public static JsonNode read(ObjectMapper json, byte[] bytes) {
        try {
            return bytes == null ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event in the ledger", e);
        }
    }
}
