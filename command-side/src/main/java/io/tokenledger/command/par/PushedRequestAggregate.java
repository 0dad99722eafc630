package io.tokenledger.command.par;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.par.PushAuthorizationRequest;
import io.tokenledger.events.par.PushedAuthorizationRequestUsed;
import io.tokenledger.events.par.UsePushedAuthorizationRequest;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One pushed authorization request (RFC 9126): short-lived, its client's only, and used once. Two authorizations
 * racing for it are ordered by its stream, so only one of them records the use.
 */
@Aggregate
public class PushedRequestAggregate {

    /** RFC 9126 §2.2 suggests between 5 and 600 seconds. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

    @AggregateIdentifier
    private String requestId;
    private String clientId;
    private Instant completeBy;
    private boolean used;

    protected PushedRequestAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public PushedRequestAggregate(PushAuthorizationRequest command) {
        Hashes.require(command.requestId(), "requestId");
        if (!command.expiresAt().isAfter(command.pushedAt())
            || command.expiresAt().isAfter(command.pushedAt().plus(MAX_LIFETIME))) {
            throw new IllegalArgumentException("a pushed request lives between a moment and " + MAX_LIFETIME);
        }
        if (command.parameters().isEmpty()) {
            throw new IllegalArgumentException("a pushed request has parameters");
        }
        Map<String, List<String>> parameters = new TreeMap<>();
        command.parameters().forEach((name, values) -> parameters.put(name, List.copyOf(values)));
        apply(new AuthorizationRequestPushed(command.requestId(), command.clientId(), parameters,
                command.pushedAt(), command.expiresAt(), command.actor()));
    }

    /**
     * Answers whether the request was used now: not when it was before, is another client's, or its sign-in did not
     * finish by {@link AuthorizationRequestPushed#completeBy()}.
     */
    @CommandHandler
    public boolean handle(UsePushedAuthorizationRequest command) {
        if (used || !clientId.equals(command.clientId()) || !command.usedAt().isBefore(completeBy)) {
            return false;
        }
        apply(new PushedAuthorizationRequestUsed(requestId, clientId, command.grantId(), command.usedAt(),
                command.actor()));
        return true;
    }

    @EventSourcingHandler
    void on(AuthorizationRequestPushed event) {
        requestId = event.requestId();
        clientId = event.clientId();
        completeBy = event.completeBy();
    }

    @EventSourcingHandler
    void on(PushedAuthorizationRequestUsed event) {
        used = true;
    }
}
