package io.tokenledger.query.ledger;

import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserPasswordReset;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRolesChanged;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a client or a user account was at any instant, folded from its own stream's events, not from the tables. */
@Component
public class PartyTimeline {

    private final RecordedEvents recorded;

    public PartyTimeline(RecordedEvents recorded) {
        this.recorded = recorded;
    }

    /** Empty when no client was ever registered with this id; {@code not_registered} when not yet by then. */
    public Optional<ClientAsOf> client(String clientId, Instant at) {
        List<Object> events = recorded.stream(clientId, Instant.MAX);
        if (events.stream().noneMatch(ClientRegistered.class::isInstance)) {
            return Optional.empty();
        }
        ClientAsOf state = ClientAsOf.unregistered(clientId, at);
        for (Object event : recorded.stream(clientId, at)) {
            state = apply(state, event);
        }
        return Optional.of(state);
    }

    /** Empty when no account was ever registered with this id; {@code not_registered} when not yet by then. */
    public Optional<UserAsOf> user(String userId, Instant at) {
        List<Object> events = recorded.stream(userId, Instant.MAX);
        if (events.stream().noneMatch(UserRegistered.class::isInstance)) {
            return Optional.empty();
        }
        UserAsOf state = UserAsOf.unregistered(userId, at);
        for (Object event : recorded.stream(userId, at)) {
            state = apply(state, event);
        }
        return Optional.of(state);
    }

    private static ClientAsOf apply(ClientAsOf state, Object event) {
        if (event instanceof ClientRegistered e) {
            return state.registered(e);
        }
        if (event instanceof ClientUpdated e) {
            return state.updated(e);
        }
        if (event instanceof ClientSecretRotated e) {
            return state.rotated(e.rotatedAt());
        }
        return event instanceof ClientRetired e ? state.retired(e.retiredAt()) : state;
    }

    private static UserAsOf apply(UserAsOf state, Object event) {
        if (event instanceof UserRegistered e) {
            return state.registered(e);
        }
        if (event instanceof UserProfileUpdated e) {
            return state.profile(e);
        }
        if (event instanceof UserRolesChanged e) {
            return state.roles(e);
        }
        if (event instanceof UserPasswordReset e) {
            return state.passwordReset(e.resetAt());
        }
        return event instanceof UserDisabled e ? state.disabled(e.disabledAt()) : state;
    }
}
