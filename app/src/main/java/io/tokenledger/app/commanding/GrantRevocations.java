package io.tokenledger.app.commanding;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;

/**
 * Ends grants for a reason outside them (a user disabled, a consent revoked), one {@code GrantRevoked} each, so that
 * each grant's own history says why it ended. A grant that had ended already records nothing.
 */
@Component
public class GrantRevocations {

    private final CommandGateway commands;

    public GrantRevocations(CommandGateway commands) {
        this.commands = commands;
    }

    /** Answers how many of the grants this ended. */
    public long revoke(Collection<String> grantIds, RevocationReason reason, Instant at, Actor actor) {
        return grantIds.stream().map(grantId -> commands.<RevocationOutcome>sendAndWait(
                new RevokeGrant(grantId, reason, at, actor))).filter(RevocationOutcome.REVOKED::equals).count();
    }
}
