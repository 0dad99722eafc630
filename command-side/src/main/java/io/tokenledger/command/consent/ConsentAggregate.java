package io.tokenledger.command.consent;

import io.tokenledger.events.consent.ConsentGranted;
import io.tokenledger.events.consent.ConsentId;
import io.tokenledger.events.consent.ConsentRevoked;
import io.tokenledger.events.consent.GrantConsent;
import io.tokenledger.events.consent.RevokeConsent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What one user allows one client (OpenID Connect Core §3.1.2.4): scopes are added by consents and all withdrawn by a
 * revocation. Its first consent creates it; one revoked is granted again by the next.
 */
@Aggregate
public class ConsentAggregate {

    @AggregateIdentifier
    private String consentId;
    private String userId;
    private String clientId;
    private List<String> scopes = List.of();

    protected ConsentAggregate() {
        // for Axon, which rebuilds the aggregate from its events, and creates it on its first consent
    }

    /** Records the scopes not allowed yet; nothing when every one was. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(GrantConsent command) {
        if (!ConsentId.of(command.userId(), command.clientId()).equals(command.consentId())) {
            throw new IllegalArgumentException("a consent is named by its user and client");
        }
        if (command.scopes().isEmpty()) {
            throw new IllegalArgumentException("a consent allows at least one scope");
        }
        List<String> added = command.scopes().stream().filter(scope -> !scopes.contains(scope)).distinct().sorted()
                                    .toList();
        if (added.isEmpty()) {
            return false;
        }
        TreeSet<String> all = new TreeSet<>(scopes);
        all.addAll(added);
        apply(new ConsentGranted(command.consentId(), command.userId(), command.clientId(), List.copyOf(all), added,
                command.sessionId(), command.grantedAt(), command.actor()));
        return true;
    }

    /** Revoking what allows nothing records nothing. */
    @CommandHandler
    public boolean handle(RevokeConsent command) {
        if (scopes.isEmpty()) {
            return false;
        }
        apply(new ConsentRevoked(consentId, userId, clientId, scopes, command.revokedAt(), command.actor()));
        return true;
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        consentId = event.consentId();
        userId = event.userId();
        clientId = event.clientId();
        scopes = event.scopes();
    }

    @EventSourcingHandler
    void on(ConsentRevoked event) {
        scopes = List.of();
    }
}
