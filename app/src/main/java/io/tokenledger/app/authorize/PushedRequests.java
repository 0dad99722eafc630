package io.tokenledger.app.authorize;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.par.PushedAuthorizationRequestUsed;
import io.tokenledger.query.ledger.PersonalDataReveal;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
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
    private final PersonalDataReveal personalData;
    private final Clock clock;

    public PushedRequests(EventStore events, PersonalDataReveal personalData, Clock clock) {
        this.events = events;
        this.personalData = personalData;
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
        DomainEventMessage<?> pushed = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof AuthorizationRequestPushed) {
                pushed = event;
            } else if (event.getPayload() instanceof PushedAuthorizationRequestUsed) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(pushed)
                       .filter(event -> request(event).clientId().equals(clientId))
                       .filter(event -> clock.instant().isBefore(arriving ? request(event).expiresAt()
                               : request(event).completeBy()))
                       .map(this::parameters);
    }

    private static AuthorizationRequestPushed request(DomainEventMessage<?> pushed) {
        return (AuthorizationRequestPushed) pushed.getPayload();
    }

    /** The parameters pushed, with the {@code login_hint} kept apart as request context, decrypted. */
    private Map<String, List<String>> parameters(DomainEventMessage<?> pushed) {
        Object loginHint = pushed.getMetaData().get(RequestMetaData.LOGIN_HINT);
        if (loginHint == null) {
            return request(pushed).parameters();
        }
        Map<String, List<String>> parameters = new HashMap<>(request(pushed).parameters());
        parameters.put("login_hint", List.of(personalData.reveal(loginHint.toString())));
        return parameters;
    }
}
