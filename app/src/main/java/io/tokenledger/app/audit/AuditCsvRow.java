package io.tokenledger.app.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.query.ledger.AuditEntry;

/** An audit row flattened for CSV: the details stay one JSON text column. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"position", "occurredAt", "eventType", "aggregateType", "aggregateId", "sequence", "clientId",
        "userId", "tokenId", "actor", "remoteAddress", "userAgent", "requestId", "details"})
record AuditCsvRow(long position, String occurredAt, String eventType, String aggregateType, String aggregateId,
                   Long sequence, String clientId, String userId, String tokenId, String actor, String remoteAddress,
                   String userAgent, String requestId, String details) {

    static AuditCsvRow of(AuditEntry entry) {
        return new AuditCsvRow(entry.position(), entry.occurredAt().toString(), entry.eventType(), entry.aggregateType(),
                entry.aggregateId(), entry.sequence(), entry.clientId(), entry.userId(), entry.tokenId(), entry.actor(),
                entry.remoteAddress(), entry.userAgent(), entry.requestId(), entry.details().toString());
    }
}
