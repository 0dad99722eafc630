package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /admin/users/{id}/erase}. Both are kept in plaintext after the erasure, as its record: they
 * say why and at whose request, never who the person was.
 *
 * @param reason      why (the law and the request, e.g. {@code GDPR Art. 17 request})
 * @param requestedBy who asked for it: a request's reference, a role
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Erasure(String reason, String requestedBy) {
}
