package io.tokenledger.query.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** One row of the audit log: one event, where it sits in the ledger, who caused it and from where. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"position", "occurredAt", "eventType", "aggregateType", "aggregateId", "sequence", "clientId",
        "userId", "tokenId", "actor", "remoteAddress", "userAgent", "requestId", "details"})
public record AuditEntry(long position, Instant occurredAt, String eventType, String aggregateType, String aggregateId,
                         Long sequence, String clientId, String userId, String tokenId, String actor,
                         String remoteAddress, String userAgent, String requestId, JsonNode details) {
}
