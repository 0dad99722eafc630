package io.tokenledger.app.consent;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.commanding.GrantRevocations;
import io.tokenledger.events.Actor;
import io.tokenledger.events.consent.ConsentId;
import io.tokenledger.events.consent.GrantConsent;
import io.tokenledger.events.consent.RevokeConsent;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.consent.ConsentLookup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Users' consents to third-party clients (OpenID Connect Core §3.1.2.4), each one a {@code ConsentGranted} or
 * {@code ConsentRevoked} in the ledger. Revoking a consent ends the grants it covered, each with
 * {@code CONSENT_REVOKED}, so that the client keeps no token the user no longer allows.
 */
@Component
public class Consents {

    private final CommandGateway commands;
    private final ConsentLookup consents;
    private final GrantRevocations revocations;
    private final Clock clock;

    public Consents(CommandGateway commands, ConsentLookup consents, GrantRevocations revocations, Clock clock) {
        this.commands = commands;
        this.revocations = revocations;
        this.consents = consents;
        this.clock = clock;
    }

    /**
     * Whether the user must be asked: never for a first-party client; for a third-party one when it asks for a scope
     * the user has not allowed it, or when the request says {@code prompt=consent}.
     */
    public boolean needed(ClientRegistration client, String userId, List<String> scopes, boolean forced) {
        if (client.firstParty()) {
            return false;
        }
        return forced || !consents.allowed(userId, client.clientId()).containsAll(scopes);
    }

    /** The user allowed the client these scopes, in this session; nothing is recorded when all were allowed. */
    public void grant(String userId, String clientId, List<String> scopes, String sessionId) {
        if (!scopes.isEmpty()) {
            commands.sendAndWait(new GrantConsent(ConsentId.of(userId, clientId), userId, clientId, scopes,
                    sessionId, clock.instant(), Actor.user(userId)));
        }
    }

    /** Withdraws the consent and ends the grants of the user's with the client that are still live. */
    public Revoked revoke(String userId, String clientId, Actor actor) {
        Instant now = clock.instant();
        boolean revokedNow = commands.sendAndWait(new RevokeConsent(ConsentId.of(userId, clientId), now, actor));
        return new Revoked(revokedNow, revocations.revokeGrantsOfUser(userId, clientId,
                RevocationReason.CONSENT_REVOKED, now, actor));
    }

    /**
     * @param consentRevoked false when there was no consent to revoke
     * @param grantsRevoked  the grants this ended
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Revoked(boolean consentRevoked, long grantsRevoked) {
    }
}
