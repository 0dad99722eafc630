package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRolesChanged;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A user account at an instant, folded from its events recorded by then; never a password's hash.
 *
 * @param status {@code active}, {@code disabled}, {@code erased}, or {@code not_registered} when it did not exist
 *               yet
 * @param roles  {@code auditor}, {@code admin}, as the newest role change by then gave them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserAsOf(String userId, Instant asOf, String status, String username, String email, String name,
                       List<String> roles, Instant registeredAt, Instant passwordResetAt, Instant disabledAt,
                       int eventsConsidered) {

    static UserAsOf unregistered(String userId, Instant at) {
        return new UserAsOf(userId, at, "not_registered", null, null, null, List.of(), null, null, null, 0);
    }

    UserAsOf registered(UserRegistered e) {
        return new UserAsOf(userId, asOf, "active", e.username(), e.email(), null, List.of(), e.registeredAt(), null,
                null, eventsConsidered + 1);
    }

    UserAsOf profile(UserProfileUpdated e) {
        return new UserAsOf(userId, asOf, status, username, email, e.name(), roles, registeredAt, passwordResetAt,
                disabledAt, eventsConsidered + 1);
    }

    UserAsOf roles(UserRolesChanged e) {
        List<String> names = e.roles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).toList();
        return new UserAsOf(userId, asOf, status, username, email, name, names, registeredAt, passwordResetAt,
                disabledAt, eventsConsidered + 1);
    }

    UserAsOf passwordReset(Instant at) {
        return new UserAsOf(userId, asOf, status, username, email, name, roles, registeredAt, at, disabledAt,
                eventsConsidered + 1);
    }

    UserAsOf disabled(Instant at) {
        return new UserAsOf(userId, asOf, "disabled", username, email, name, roles, registeredAt, passwordResetAt, at,
                eventsConsidered + 1);
    }

    /** Erased (issue 25): what the person's events said of them reads as erased from then on, and before it too. */
    UserAsOf erased(Instant at) {
        return new UserAsOf(userId, asOf, "erased", username, email, name, roles, registeredAt, passwordResetAt,
                disabledAt == null ? at : disabledAt, eventsConsidered + 1);
    }
}
