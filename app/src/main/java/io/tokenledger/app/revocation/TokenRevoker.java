package io.tokenledger.app.revocation;

import io.tokenledger.app.commanding.ConflictRetry;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.query.token.TokenState;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Records revocations in the ledger. */
@Component
public class TokenRevoker {

    private final CommandGateway commands;
    private final Clock clock;

    public TokenRevoker(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Revokes a token at its client's request. A token of an authorization grant revokes the whole grant, its
     * access and refresh tokens alike (RFC 7009 §2.1).
     */
    public void revoke(TokenState token, Actor actor) {
        ConflictRetry.send(() -> commands.sendAndWait(token.grantId() == null
                ? new RevokeToken(token.tokenId(), RevocationReason.REVOKED_BY_CLIENT, clock.instant(), actor)
                : new RevokeGrant(token.grantId(), RevocationReason.GRANT_REVOKED_BY_CLIENT, clock.instant(), actor)));
    }
}
