package io.tokenledger.app.user;

import java.util.List;

/**
 * The body of {@code PUT /admin/users/{id}/roles}: every role the user is to hold, so one left out is taken away.
 *
 * @param roles {@code auditor}, {@code admin}; empty for none
 */
public record RoleChange(List<String> roles) {
}
