package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.commanding.RecordedText;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.events.Actor;
import io.tokenledger.events.user.UpdateUserProfile;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Sets the standard claims UserInfo states about a user (OpenID Connect Core §5.1) beyond username and email. */
@Component
public class UserProfiles {

    private static final int MAX_NAME = 255;

    private final CommandGateway commands;
    private final Clock clock;

    public UserProfiles(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public Profile update(UserAccount user, ProfileChange change, Actor actor) {
        if (change == null) {
            throw OAuth2Exception.invalidRequest("a JSON object with name and email_verified is required");
        }
        String name = change.name() == null || change.name().isBlank() ? null
                : RecordedText.of(change.name(), MAX_NAME).orElseThrow(() -> OAuth2Exception.invalidRequest(
                        "name must be 1-" + MAX_NAME + " printable characters"));
        boolean emailVerified = Boolean.TRUE.equals(change.emailVerified());
        boolean changed = commands.sendAndWait(new UpdateUserProfile(user.userId(), name, emailVerified,
                clock.instant(), actor));
        return new Profile(user.userId(), name, emailVerified, changed);
    }

    /** @param changed false when the account already had this profile: nothing was recorded */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Profile(String userId, String name, boolean emailVerified, boolean changed) {
    }
}
