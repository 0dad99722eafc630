package io.tokenledger.command.user;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.user.DisableUser;
import io.tokenledger.events.user.RegisterUser;
import io.tokenledger.events.user.UpdateUserProfile;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user account. Username and email uniqueness spans accounts, so it is not this aggregate's to decide:
 * the {@code users} table's unique indexes refuse a duplicate in the same transaction as the event.
 */
@Aggregate
public class UserAggregate {

    @AggregateIdentifier
    private String userId;
    private boolean disabled;
    private String name;
    private boolean emailVerified;

    protected UserAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public UserAggregate(RegisterUser command) {
        Hashes.requireSlow(command.passwordHash(), "passwordHash");
        apply(new UserRegistered(command.userId(), command.username(), command.email(), command.passwordHash(),
                command.registeredAt(), command.actor()));
    }

    /** Disabling twice records nothing the second time. */
    @CommandHandler
    public boolean handle(DisableUser command) {
        if (disabled) {
            return false;
        }
        apply(new UserDisabled(userId, command.disabledAt(), command.actor()));
        return true;
    }

    /** Setting the profile it has records nothing. */
    @CommandHandler
    public boolean handle(UpdateUserProfile command) {
        if (Objects.equals(name, command.name()) && emailVerified == command.emailVerified()) {
            return false;
        }
        apply(new UserProfileUpdated(userId, command.name(), command.emailVerified(), command.updatedAt(),
                command.actor()));
        return true;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(UserDisabled event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        name = event.name();
        emailVerified = event.emailVerified();
    }
}
