package io.tokenledger.app.authorize;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.par.PushedAuthorizationRequestUsed;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushed authorization requests (RFC 9126), read from their own streams in the ledger: the stream is short, and
 * nothing but the ledger then needs keeping or pruning. A {@code request_uri} is the only way to one; the ledger
 * names it by its hash.
 */
@Component
public class PushedRequests {

    /** RFC 9126 §2.2's suggested form for the reference. */
    static final String PREFIX = "urn:ietf:params:oauth:request_uri:";
    private final EventStore events;
    private final Clock clock;

    public PushedRequests(EventStore events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The ledger's name for the request a {@code request_uri} refers to. */
    static String requestId(String requestUri) {
        return Secrets.sha256(requestUri);
    }

    /**
     * The pushed parameters, while the request is this client's and unused, and the browser brings it in time: by its
     * expiry when it {@code arrives}, by {@link AuthorizationRequestPushed#completeBy()} on the sign-in and consent
     * pages that follow.
     */
    Optional<Map<String, List<String>>> find(String requestUri, String clientId, boolean arriving) {
        if (!requestUri.startsWith(PREFIX) || clientId == null) {
            return Optional.empty();
        }
        DomainEventStream stream = events.readEvents(requestId(requestUri));
        AuthorizationRequestPushed pushed = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof AuthorizationRequestPushed first) {
                pushed = first;
            } else if (event.getPayload() instanceof PushedAuthorizationRequestUsed) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(pushed)
                       .filter(request -> request.clientId().equals(clientId))
                       .filter(request -> clock.instant().isBefore(arriving ? request.expiresAt()
                               : request.completeBy()))
                       .map(AuthorizationRequestPushed::parameters);
    }
}
