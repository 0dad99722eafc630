package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.RequestMetaData;

import java.util.List;

/**
 * Personal data as the ledger stores it, encrypted under a person's key (issue 25), made readable where auditors read
 * events: its plaintext while the key lives, {@link #ERASED} once it is destroyed.
 */
@FunctionalInterface
public interface PersonalDataReveal {

    /** What a value encrypted under a destroyed key (or one that does not open) reads as. */
    String ERASED = PersonalFields.ERASED;

    /** A stored personal value, revealed: a value written before encryption is returned as it is. */
    String reveal(String stored);

    /** The event metadata with its personal fields revealed; any other field, whatever it holds, as stored. */
    default JsonNode revealAll(JsonNode metadata) {
        return revealed(metadata, RequestMetaData.PERSONAL);
    }

    /** The payload of an event of this stored type with its personal components revealed; the rest as stored. */
    default JsonNode revealPayload(String payloadType, JsonNode payload) {
        return revealed(payload, PersonalFields.of(payloadType));
    }

    private JsonNode revealed(JsonNode node, List<String> fields) {
        if (!(node instanceof ObjectNode object) || fields.isEmpty()) {
            return node;
        }
        ObjectNode revealed = object.deepCopy();
        for (String field : fields) {
            if (object.path(field).isTextual()) {
                revealed.put(field, reveal(object.path(field).asText()));
            }
        }
        return revealed;
    }
}
