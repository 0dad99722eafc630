package io.tokenledger.app.commanding;

import io.tokenledger.events.security.ClientAuthenticationFailed;
import io.tokenledger.events.security.UserSignInFailed;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Records refused, security-relevant requests in the ledger. Recording must never turn a refusal into a server
 * error: if the database cannot take the event, the refusal stands and a warning is logged.
 */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);
    private static final int MAX_ID = 255;

    private final EventGateway events;
    private final Clock clock;

    public SecurityEvents(EventGateway events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void clientAuthenticationFailed(String claimedClientId, String reason, String endpoint) {
        String clientId = claimedClientId == null || claimedClientId.length() <= MAX_ID
                ? claimedClientId : claimedClientId.substring(0, MAX_ID);
        publish(new ClientAuthenticationFailed(clientId, reason, endpoint, clock.instant()));
    }

    /** A wrong password, or an unknown username (then without an account: the typed name is never recorded). */
    public void userSignInFailed(String userId, String clientId) {
        publish(new UserSignInFailed(userId, clientId, false, clock.instant()));
    }

    private void publish(Object event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            log.warn("could not record {}: {}", event.getClass().getSimpleName(), e.getMessage());
        }
    }
}
