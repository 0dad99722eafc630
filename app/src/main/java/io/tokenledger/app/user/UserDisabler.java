package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.user.DisableUser;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Disables a user account ({@code UserDisabled}) and ends every grant it gave that still has a live token
 * ({@code GrantRevoked}, {@code USER_DISABLED}), so each grant's own history says why it ended. The token endpoint
 * refuses the account's codes and refresh tokens from the moment it is disabled. Disabling again records nothing
 * for the account and ends any grant still live: a run cut short is finished by running it again.
 */
@Component
public class UserDisabler {

    private final CommandGateway commands;
    private final TokenLookup tokens;
    private final Clock clock;

    public UserDisabler(CommandGateway commands, TokenLookup tokens, Clock clock) {
        this.commands = commands;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Disabled disable(UserAccount user, Actor actor) {
        Instant now = clock.instant();
        boolean disabledNow = commands.sendAndWait(new DisableUser(user.userId(), now, actor));
        List<String> grants = tokens.liveGrantsOfUser(user.userId());
        grants.forEach(grantId -> commands.sendAndWait(
                new RevokeGrant(grantId, RevocationReason.USER_DISABLED, now, actor)));
        return new Disabled(user.userId(), user.username(), disabledNow, grants.size());
    }

    /**
     * @param disabledNow   false when the account was disabled already
     * @param grantsRevoked the grants this ended
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Disabled(String userId, String username, boolean disabledNow, int grantsRevoked) {
    }
}
