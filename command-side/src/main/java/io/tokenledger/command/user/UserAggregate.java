package io.tokenledger.command.user;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.user.ChangeUserRoles;
import io.tokenledger.events.user.DisableUser;
import io.tokenledger.events.user.EraseUser;
import io.tokenledger.events.user.RegisterUser;
import io.tokenledger.events.user.ResetUserPassword;
import io.tokenledger.events.user.UpdateUserProfile;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserErased;
import io.tokenledger.events.user.UserPasswordReset;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRole;
import io.tokenledger.events.user.UserRolesChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    private boolean erased;
    private String name;
    private boolean emailVerified;
    private Set<UserRole> roles = EnumSet.noneOf(UserRole.class);

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

    /** Erasing twice records nothing the second time; an erased account is disabled with it. */
    @CommandHandler
    public boolean handle(EraseUser command) {
        if (erased) {
            return false;
        }
        apply(new UserErased(userId, command.reason(), command.requestedBy(), command.erasedAt(), command.actor()));
        return true;
    }

    /** Setting the profile it has records nothing; an erased account has none to set. */
    @CommandHandler
    public boolean handle(UpdateUserProfile command) {
        refuseIfErased();
        if (Objects.equals(name, command.name()) && emailVerified == command.emailVerified()) {
            return false;
        }
        apply(new UserProfileUpdated(userId, command.name(), command.emailVerified(), command.updatedAt(),
                command.actor()));
        return true;
    }

    /**
     * Setting the roles it has records nothing; a disabled account may lose roles, never gain them; an erased one has
     * none, and gets none.
     */
    @CommandHandler
    public boolean handle(ChangeUserRoles command) {
        refuseIfErased();
        if (roles.equals(command.roles())) {
            return false;
        }
        if (disabled && !roles.containsAll(command.roles())) {
            throw new IllegalStateException("a disabled account gains no roles");
        }
        apply(new UserRolesChanged(userId, List.copyOf(command.roles()), command.changedAt(), command.actor()));
        return true;
    }

    /** A new password, as a slow hash; recorded every time, since resetting is the point even to the same one. */
    @CommandHandler
    public void handle(ResetUserPassword command) {
        refuseIfErased();
        Hashes.requireSlow(command.passwordHash(), "passwordHash");
        apply(new UserPasswordReset(userId, command.passwordHash(), command.resetAt(), command.actor()));
    }

    private void refuseIfErased() {
        if (erased) {
            throw new IllegalStateException("an erased account changes no more");
        }
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
    void on(UserErased event) {
        erased = true;
        disabled = true;
        name = null;
        emailVerified = false;
        roles = EnumSet.noneOf(UserRole.class);
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        name = event.name();
        emailVerified = event.emailVerified();
    }

    @EventSourcingHandler
    void on(UserRolesChanged event) {
        roles = event.roles().isEmpty() ? EnumSet.noneOf(UserRole.class) : EnumSet.copyOf(event.roles());
    }
}
