package io.tokenledger.command.session;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.session.EndSession;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.session.SessionEnded;
import io.tokenledger.events.session.SessionStarted;
import io.tokenledger.events.session.StartSession;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One sign-in session: it starts with a sign-in through the form and ends once, whatever ends it first. Its uses
 * are the codes issued on it ({@code AuthorizationCodeIssued}'s {@code authentication.sessionId}), which is what the
 * idle timeout is measured from.
 */
@Aggregate
public class SessionAggregate {

    @AggregateIdentifier
    private String sessionId;
    private String userId;
    private Instant expiresAt;
    private boolean ended;

    protected SessionAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public SessionAggregate(StartSession command) {
        Hashes.require(command.cookieHash(), "cookieHash");
        if (!command.expiresAt().isAfter(command.startedAt())) {
            throw new IllegalArgumentException("a session must expire after it starts");
        }
        apply(new SessionStarted(command.sessionId(), command.userId(), command.cookieHash(),
                List.copyOf(command.methods()), command.startedAt(), command.expiresAt(), command.actor()));
    }

    /** Ending an ended session records nothing; its lifetime is not over before it is. */
    @CommandHandler
    public boolean handle(EndSession command) {
        if (ended) {
            return false;
        }
        if (command.reason() == SessionEndReason.MAX_LIFETIME && command.endedAt().isBefore(expiresAt)) {
            throw new IllegalArgumentException("the session's lifetime ends at " + expiresAt);
        }
        apply(new SessionEnded(sessionId, userId, command.reason(), command.endedAt(), command.actor()));
        return true;
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        userId = event.userId();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(SessionEnded event) {
        ended = true;
    }
}
