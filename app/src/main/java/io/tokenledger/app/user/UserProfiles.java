package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.events.Actor;
import io.tokenledger.events.user.UpdateUserProfile;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.regex.Pattern;

/** Sets the standard claims UserInfo states about a user (OpenID Connect Core §5.1) beyond username and email. */
@Component
public class UserProfiles {

    private static final int MAX_NAME = 255;
    /** Printable text: no control characters, which a relying party might show or log as they are. */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");

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
        String name = change.name() == null || change.name().isBlank() ? null : change.name().strip();
        if (name != null && (name.length() > MAX_NAME || !PRINTABLE.matcher(name).matches())) {
            throw OAuth2Exception.invalidRequest("name must be 1-" + MAX_NAME + " printable characters");
        }
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
