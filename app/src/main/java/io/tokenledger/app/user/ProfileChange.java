package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code PUT /admin/users/{id}/profile}: the whole profile, so a field left out is cleared.
 *
 * @param name          the full name, or null for none
 * @param emailVerified whether the email was verified; null reads as false
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileChange(String name, Boolean emailVerified) {
}
