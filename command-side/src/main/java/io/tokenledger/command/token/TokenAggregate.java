package io.tokenledger.command.token;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.token.IssueToken;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One issued token: the consistency boundary for its revocation. */
@Aggregate
public class TokenAggregate {

    static final String BEARER = "Bearer";
    /** RFC 9449 §5: a token bound to the key of a DPoP proof. */
    static final String DPOP = "DPoP";

    @AggregateIdentifier
    private String tokenId;
    private String clientId;
    private String userId;
    private boolean revoked;

    protected TokenAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public TokenAggregate(IssueToken command) {
        Hashes.requireAccessToken(command.accessTokenHash(), command.keyId());
        if (command.refreshTokenHash() != null) {
            Hashes.require(command.refreshTokenHash(), "refreshTokenHash");
        }
        if (!command.expiresAt().isAfter(command.issuedAt())) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
        String type = command.jkt() == null ? BEARER : DPOP;
        apply(new TokenIssued(command.tokenId(), command.clientId(), command.userId(), command.grantType(), type,
                command.scopes(), command.audience().isEmpty() ? null : List.copyOf(command.audience()),
                command.accessTokenHash(), command.refreshTokenHash(), command.issuedAt(),
                command.expiresAt(), command.keyId(), command.jkt(), command.exchangedFrom(), command.actor()));
    }

    /**
     * Only the token's own client may revoke it (RFC 7009 §2.1); revoking twice is not an error (§2.2): neither
     * records anything.
     */
    @CommandHandler
    public RevocationOutcome handle(RevokeToken command) {
        if (command.actor().isAnotherClientThan(clientId)) {
            return RevocationOutcome.NOT_THE_CLIENTS;
        }
        if (revoked) {
            return RevocationOutcome.ALREADY_REVOKED;
        }
        apply(new TokenRevoked(tokenId, clientId, command.reason(), command.revokedAt(), command.actor(),
                command.note(), userId));
        return RevocationOutcome.REVOKED;
    }

    @EventSourcingHandler
    void on(TokenIssued event) {
        tokenId = event.tokenId();
        clientId = event.clientId();
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(TokenRevoked event) {
        revoked = true;
    }
}
