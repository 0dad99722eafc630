package io.tokenledger.app.commanding;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.query.device.DeviceAuthorizationLookup;
import io.tokenledger.query.grant.CodeLookup;
import io.tokenledger.query.token.TokenLookup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Ends grants for a reason outside them (a user disabled, a consent revoked), one {@code GrantRevoked} each, so that
 * each grant's own history says why it ended. A grant that had ended already records nothing.
 */
@Component
public class GrantRevocations {

    private final CommandGateway commands;
    private final TokenLookup tokens;
    private final CodeLookup codes;
    private final DeviceAuthorizationLookup devices;

    public GrantRevocations(CommandGateway commands, TokenLookup tokens, CodeLookup codes,
                            DeviceAuthorizationLookup devices) {
        this.commands = commands;
        this.tokens = tokens;
        this.codes = codes;
        this.devices = devices;
    }

    /**
     * Ends every grant the user gave (to one client, or to any when {@code clientId} is null) that still has a live
     * token, a code that can be redeemed or a device's approved request not yet redeemed, and the live tokens of
     * that client issued for the user outside a grant (by token exchange); answers how many grants and tokens this
     * ended.
     */
    public long revokeGrantsOfUser(String userId, String clientId, RevocationReason reason, Instant at, Actor actor) {
        Set<String> grants = new LinkedHashSet<>(tokens.liveGrantsOfUser(userId, clientId));
        grants.addAll(codes.pendingGrantsOfUser(userId, clientId));
        grants.addAll(devices.approvedGrantsOfUser(userId, clientId));
        long ended = grants.stream().map(grantId -> commands.<RevocationOutcome>sendAndWait(
                new RevokeGrant(grantId, reason, at, actor))).filter(RevocationOutcome.REVOKED::equals).count();
        return ended + tokens.liveTokensOfUserOutsideGrants(userId, clientId).stream()
                             .map(tokenId -> commands.<RevocationOutcome>sendAndWait(
                                     new RevokeToken(tokenId, reason, at, actor)))
                             .filter(RevocationOutcome.REVOKED::equals).count();
    }
}
