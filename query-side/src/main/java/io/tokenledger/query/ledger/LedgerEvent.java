package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * One event as the ledger stores it, for auditors: its position, its stream, its type and revision, and its
 * payload and metadata as JSON, with the hashes of secrets left out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LedgerEvent(long position, String aggregateType, String aggregateId, long sequence, String type,
                          String revision, Instant recordedAt, JsonNode payload, JsonNode metadata) {

    /** Who caused it, as {@code kind:id} (the form {@code Actor} prints and the read tables keep). */
    public String actor() {
        return payload.path("actor").path("kind").asText() + ":" + payload.path("actor").path("id").asText();
    }
}
