package io.tokenledger.app.ledger;

import org.springframework.web.bind.annotation.BindParam;

/** The query parameters of {@code GET /ledger/audit}, bound by name; all optional. */
public record AuditParameters(String from, String to, @BindParam("client_id") String clientId,
                              @BindParam("user_id") String userId, @BindParam("token_id") String tokenId,
                              @BindParam("event_type") String eventType, Long after, Integer limit) {
}
