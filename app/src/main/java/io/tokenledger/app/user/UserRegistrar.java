package io.tokenledger.app.user;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.oauth2.Causes;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.Actor;
import io.tokenledger.events.user.RegisterUser;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Records user registrations in the ledger. */
@Component
public class UserRegistrar {

    static final ErrorObject TAKEN = new ErrorObject("invalid_request", "username or email already registered", 409);

    private final CommandGateway commands;
    private final Clock clock;

    public UserRegistrar(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * The users table's unique indexes refuse a duplicate inside the command's transaction, so two concurrent
     * registrations of one name cannot both commit; the loser's event is rolled back with its row.
     */
    public CreatedUser register(NewUser user, Actor actor) {
        UserPolicy.validate(user);
        String userId = TimeOrderedIds.next();
        Instant now = clock.instant();
        try {
            commands.sendAndWait(new RegisterUser(userId, user.username(), user.email(),
                    Secrets.bcrypt(user.password()), now, actor));
        } catch (RuntimeException e) {
            if (Causes.any(e, DuplicateKeyException.class::isInstance)) {
                throw new OAuth2Exception(TAKEN);
            }
            throw e;
        }
        return new CreatedUser(userId, user.username(), user.email(), now);
    }
}
