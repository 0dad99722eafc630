package io.tokenledger.app.commanding;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.query.token.TokenState;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Records revocations in the ledger. */
@Component
public class TokenRevoker {

    private final GroupCommit commands;
    private final Clock clock;

    public TokenRevoker(GroupCommit commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Asks for a token's revocation on a client's behalf, of the aggregate whose stream holds it: the token's own,
     * or its grant's, where presenting any of the grant's tokens ends the whole grant (RFC 7009 §2.1). The aggregate
     * decides whether the client may, and whether anything is left to revoke.
     */
    public RevocationOutcome revoke(TokenState token, Actor client) {
        return revoke(token, client, RevocationReason.REVOKED_BY_CLIENT, RevocationReason.GRANT_REVOKED_BY_CLIENT,
                null);
    }

    /** An administrator's revocation: the token, or the whole grant it belongs to, each {@code REVOKED_BY_ADMIN}. */
    /** @param note what the administrator wrote as the reason, recorded with the revocation; null for none */
    public RevocationOutcome revokeAsAdmin(TokenState token, Actor admin, String note) {
        return revoke(token, admin, RevocationReason.REVOKED_BY_ADMIN, RevocationReason.REVOKED_BY_ADMIN, note);
    }

    private RevocationOutcome revoke(TokenState token, Actor actor, RevocationReason alone, RevocationReason grant,
                                     String note) {
        return ConflictRetry.send(() -> commands.sendAndWait(token.grantId() == null
                ? new RevokeToken(token.tokenId(), alone, clock.instant(), actor, note)
                : new RevokeGrant(token.grantId(), token.tokenId(), grant, clock.instant(), actor, note)));
    }
}
