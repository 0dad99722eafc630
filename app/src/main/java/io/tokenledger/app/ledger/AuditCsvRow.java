package io.tokenledger.app.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.query.ledger.AuditEntry;

/**
 * An audit row flattened for CSV: the details stay one JSON text column. Text that a spreadsheet would read as a
 * formula (a cell beginning with {@code = + - @}, tab or carriage return: a user agent an attacker chose, say) gets a
 * leading {@code '}, as OWASP's CSV injection advice has it, so that it is shown, never run.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"position", "occurredAt", "eventType", "aggregateType", "aggregateId", "sequence", "clientId",
        "userId", "tokenId", "actor", "remoteAddress", "userAgent", "requestId", "details"})
record AuditCsvRow(long position, String occurredAt, String eventType, String aggregateType, String aggregateId,
                   Long sequence, String clientId, String userId, String tokenId, String actor, String remoteAddress,
                   String userAgent, String requestId, String details) {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    static AuditCsvRow of(AuditEntry entry) {
        return new AuditCsvRow(entry.position(), entry.occurredAt().toString(), cell(entry.eventType()),
                cell(entry.aggregateType()), cell(entry.aggregateId()), entry.sequence(), cell(entry.clientId()),
                cell(entry.userId()), cell(entry.tokenId()), cell(entry.actor()), cell(entry.remoteAddress()),
                cell(entry.userAgent()), cell(entry.requestId()), cell(entry.details().toString()));
    }

    static String cell(String text) {
        return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
