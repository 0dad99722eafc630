package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Personal data as the ledger stores it, encrypted under a person's key (issue 25), made readable where auditors read
 * events: the value itself when it was never encrypted, its plaintext while the key lives, {@link #ERASED} once it is
 * destroyed.
 */
@FunctionalInterface
public interface PersonalDataReveal {

    /** What a value encrypted under a destroyed key reads as. */
    String ERASED = "[erased]";

    /** For readers that hold no keys: stored values as they are. */
    PersonalDataReveal NONE = stored -> stored;

    String reveal(String stored);

    /** The event metadata (an object of strings) with each of its values revealed. */
    default JsonNode revealAll(JsonNode metadata) {
        if (!(metadata instanceof ObjectNode object)) {
            return metadata;
        }
        ObjectNode revealed = object.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual()) {
                revealed.put(field.getKey(), reveal(field.getValue().asText()));
            }
        }
        return revealed;
    }
}
