package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.commanding.GrantRevocations;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.events.Actor;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.user.DisableUser;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Disables a user account ({@code UserDisabled}) and ends every grant it gave that still has a live token or a code
 * that can be redeemed ({@code GrantRevoked}, {@code USER_DISABLED}), so each grant's own history says why it ended.
 * The token endpoint refuses the account's codes and refresh tokens from the moment it is disabled; a redemption that
 * read the account just before is serialised with the grant's revocation by the grant itself, so either its tokens
 * are revoked with it or it is refused. Disabling again records nothing for the account and ends any grant still
 * live: a run cut short is finished by running it again.
 */
@Component
public class UserDisabler {

    private final CommandGateway commands;
    private final Clock clock;
    private final Sessions sessions;
    private final GrantRevocations revocations;

    public UserDisabler(CommandGateway commands, Clock clock, Sessions sessions, GrantRevocations revocations) {
        this.commands = commands;
        this.revocations = revocations;
        this.clock = clock;
        this.sessions = sessions;
    }

    public Disabled disable(UserAccount user, Actor actor) {
        Instant now = clock.instant();
        boolean disabledNow = commands.sendAndWait(new DisableUser(user.userId(), now, actor));
        long revoked = revocations.revokeGrantsOfUser(user.userId(), null, RevocationReason.USER_DISABLED, now,
                actor);
        long ended = sessions.endAllOf(user.userId(), SessionEndReason.USER_DISABLED, now, actor);
        return new Disabled(user.userId(), user.username(), disabledNow, revoked, ended);
    }

    /**
     * @param disabledNow   false when the account was disabled already
     * @param grantsRevoked the grants this ended
     * @param sessionsEnded the sign-in sessions this ended
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Disabled(String userId, String username, boolean disabledNow, long grantsRevoked,
                           long sessionsEnded) {
    }
}
