package io.tokenledger.query.ledger;

import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserErased;
import io.tokenledger.events.user.UserPasswordReset;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRolesChanged;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** What a client or a user account was at any instant, folded from its own stream's events, not from the tables. */
@Component
public class PartyTimeline {

    private final EventLedger ledger;
    private final RecordedEvents recorded;

    public PartyTimeline(EventLedger ledger, RecordedEvents recorded) {
        this.ledger = ledger;
        this.recorded = recorded;
    }

    /** Empty when no client was ever registered with this id; {@code not_registered} when not yet by then. */
    public Optional<ClientAsOf> client(String clientId, Instant at) {
        return fold(clientId, at, ClientRegistered.class, ClientAsOf.unregistered(clientId, at), PartyTimeline::apply);
    }

    /** Empty when no account was ever registered with this id; {@code not_registered} when not yet by then. */
    public Optional<UserAsOf> user(String userId, Instant at) {
        return fold(userId, at, UserRegistered.class, UserAsOf.unregistered(userId, at), PartyTimeline::apply);
    }

    /** The stream's events recorded by {@code at}, applied in order; empty for a stream never begun by {@code birth}. */
    private <S> Optional<S> fold(String id, Instant at, Class<?> birth, S state, BiFunction<S, Object, S> apply) {
        List<LedgerEvent> events = ledger.streams(List.of(id));
        if (events.stream().noneMatch(event -> event.type().equals(birth.getName()))) {
            return Optional.empty();
        }
        S folded = state;
        for (Object event : recorded.upTo(events, at)) {
            folded = apply.apply(folded, event);
        }
        return Optional.of(folded);
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
        if (event instanceof UserErased e) {
            return state.erased(e.erasedAt());
        }
        return event instanceof UserDisabled e ? state.disabled(e.disabledAt()) : state;
    }
}
