package io.tokenledger.app.token;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Records revocations in the ledger. */
@Component
public class TokenRevoker {

    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final Clock clock;

    public TokenRevoker(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Revokes a token. When another node changed the same token at the same moment, the event store refused
     * one of the two appends; trying again reloads the token, which by then may already be revoked.
     */
    public void revoke(String tokenId, RevocationReason reason, Actor actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(new RevokeToken(tokenId, reason, clock.instant(), actor));
                return;
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
