package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.events.Actor;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.user.ResetUserPassword;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * An administrator's password reset (ASVS V2.5): the new password meets the same rules as a new account's, only its
 * bcrypt hash is recorded ({@code UserPasswordReset}), and the account's sign-in sessions end, so whoever held the
 * old password is signed out. Grants already given stay: revoking them is a separate, deliberate act.
 */
@Component
public class UserPasswords {

    private final CommandGateway commands;
    private final Clock clock;
    private final Sessions sessions;

    public UserPasswords(CommandGateway commands, Clock clock, Sessions sessions) {
        this.commands = commands;
        this.clock = clock;
        this.sessions = sessions;
    }

    public Reset reset(UserAccount user, PasswordChange change, Actor actor) {
        String password = change == null ? null : change.password();
        UserPolicy.validatePassword(password, user.username(), user.email());
        Instant now = clock.instant();
        commands.sendAndWait(new ResetUserPassword(user.userId(), Secrets.bcrypt(password), now, actor));
        return new Reset(user.userId(), sessions.endAllOf(user.userId(), SessionEndReason.PASSWORD_RESET, now, actor));
    }

    /** The body of {@code PUT /admin/users/{id}/password}. */
    public record PasswordChange(String password) {
    }

    /** @param sessionsEnded the sign-in sessions the reset ended */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reset(String userId, long sessionsEnded) {
    }
}
