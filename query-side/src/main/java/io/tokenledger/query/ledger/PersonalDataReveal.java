package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.events.RequestMetaData;

/**
 * Personal data as the ledger stores it, encrypted under a person's key (issue 25), made readable where auditors read
 * events: its plaintext while the key lives, {@link #ERASED} once it is destroyed.
 */
@FunctionalInterface
public interface PersonalDataReveal {

    /** What a value encrypted under a destroyed key (or one that does not open) reads as. */
    String ERASED = "[erased]";

    /** A stored personal value, revealed: a value written before encryption is returned as it is. */
    String reveal(String stored);

    /** The event metadata with its personal fields revealed; any other field, whatever it holds, as stored. */
    default JsonNode revealAll(JsonNode metadata) {
        if (!(metadata instanceof ObjectNode object)) {
            return metadata;
        }
        ObjectNode revealed = object.deepCopy();
        for (String field : RequestMetaData.PERSONAL) {
            if (object.path(field).isTextual()) {
                revealed.put(field, reveal(object.path(field).asText()));
            }
        }
        return revealed;
    }
}
