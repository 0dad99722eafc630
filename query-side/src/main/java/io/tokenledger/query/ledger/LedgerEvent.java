package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event as the ledger stores it, for auditors: its position, its stream, its type and revision, and its
 * payload and metadata as JSON, with the hashes of secrets left out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LedgerEvent(long position, String aggregateType, String aggregateId, long sequence, String type,
                          String revision, Instant recordedAt, JsonNode payload, JsonNode metadata) {
}
