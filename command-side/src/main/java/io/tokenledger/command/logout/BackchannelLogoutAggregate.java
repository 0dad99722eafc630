package io.tokenledger.command.logout;

import io.tokenledger.events.Actor;
import io.tokenledger.events.logout.BackchannelLogoutDelivered;
import io.tokenledger.events.logout.BackchannelLogoutFailed;
import io.tokenledger.events.logout.BackchannelLogoutRequested;
import io.tokenledger.events.logout.RecordBackchannelLogoutAttempt;
import io.tokenledger.events.logout.RequestBackchannelLogout;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One back-channel logout of one client: requested once, then attempted until delivered or abandoned, every attempt
 * numbered in order. An attempt after the end records nothing, so two nodes that tried at once cannot both deliver.
 */
@Aggregate
public class BackchannelLogoutAggregate {

    static final Actor DELIVERY = Actor.system("backchannel-logout");

    @AggregateIdentifier
    private String logoutId;
    private String clientId;
    private int attempts;
    private boolean over;

    protected BackchannelLogoutAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public BackchannelLogoutAggregate(RequestBackchannelLogout command) {
        apply(new BackchannelLogoutRequested(command.logoutId(), command.sessionId(), command.userId(),
                command.clientId(), command.uri(), command.issuer(), command.requestedAt(), command.actor()));
    }

    @CommandHandler
    public boolean handle(RecordBackchannelLogoutAttempt command) {
        if (over) {
            return false;
        }
        int attempt = attempts + 1;
        if (command.delivered()) {
            apply(new BackchannelLogoutDelivered(logoutId, clientId, attempt, command.keyId(), command.status(),
                    command.attemptedAt(), DELIVERY));
        } else {
            apply(new BackchannelLogoutFailed(logoutId, clientId, attempt, command.keyId(), command.status(),
                    command.error(), command.attemptedAt(), command.retryAt(), DELIVERY));
        }
        return true;
    }

    @EventSourcingHandler
    void on(BackchannelLogoutRequested event) {
        logoutId = event.logoutId();
        clientId = event.clientId();
    }

    @EventSourcingHandler
    void on(BackchannelLogoutDelivered event) {
        attempts = event.attempt();
        over = true;
    }

    @EventSourcingHandler
    void on(BackchannelLogoutFailed event) {
        attempts = event.attempt();
        over = event.abandoned();
    }
}
