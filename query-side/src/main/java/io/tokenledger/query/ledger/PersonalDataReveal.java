package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.RequestMetaData;

import java.util.List;
import java.util.function.Predicate;

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

    /**
     * The event metadata with its personal fields revealed; any other field, whatever it holds, as stored. The ledger
     * encrypts every request context value, whatever it held, so each is revealed under the key it names.
     */
    default JsonNode revealAll(JsonNode metadata) {
        return revealed(metadata, RequestMetaData.PERSONAL, stored -> true);
    }

    /**
     * The payload of an event of this stored type with its personal components revealed; the rest as stored. A
     * component is revealed only when it is encrypted under the key of the person the payload names: a value that
     * merely looks encrypted (another person's ciphertext copied into a note about a client's token, which is stored
     * as written) reads as written, never as that other person's data.
     */
    default JsonNode revealPayload(String payloadType, JsonNode payload) {
        String owner = payload.path(PersonalFields.OWNER).asText(null);
        return revealed(payload, PersonalFields.of(payloadType), stored -> PersonalFields.encryptedFor(stored, owner));
    }

    private JsonNode revealed(JsonNode node, List<String> fields, Predicate<String> revealable) {
        if (!(node instanceof ObjectNode object) || fields.isEmpty()) {
            return node;
        }
        ObjectNode revealed = object.deepCopy();
        for (String field : fields) {
            String stored = object.path(field).isTextual() ? object.path(field).asText() : null;
            if (stored != null && revealable.test(stored)) {
                revealed.put(field, reveal(stored));
            }
        }
        return revealed;
    }
}
