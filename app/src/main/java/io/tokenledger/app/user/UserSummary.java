package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.query.user.UserAccount;

import java.time.Instant;
import java.util.List;

/** A user account as administrators and operators see it: never its password's hash. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserSummary(String userId, String username, String email, String name, Instant createdAt,
                          Instant disabledAt, List<String> roles, Instant erasedAt) {

    public static UserSummary of(UserAccount account) {
        return new UserSummary(account.userId(), account.username(), account.email(), account.name(),
                account.createdAt(), account.disabledAt(), UserRoles.names(account.roles()), account.erasedAt());
    }
}
