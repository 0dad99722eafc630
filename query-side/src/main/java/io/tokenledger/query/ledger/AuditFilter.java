package io.tokenledger.query.ledger;

import java.time.Instant;

/**
 * Which audit rows to read; every field but {@code after} may be null.
 *
 * @param after a cursor: only rows after this ledger position
 */
public record AuditFilter(Instant from, Instant to, String clientId, String userId, String tokenId, String eventType,
                          long after) {

    public AuditFilter after(long position) {
        return new AuditFilter(from, to, clientId, userId, tokenId, eventType, position);
    }
}
