package io.tokenledger.query.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.events.consent.ConsentId;
import io.tokenledger.query.ledger.EventLedger;
import io.tokenledger.query.ledger.LedgerEvent;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a user allowed a client at any instant, folded from the consent's events as the ledger had recorded them by
 * then, not from today's table.
 */
@Component
public class ConsentTimeline {

    /** More than any consent's stream holds: one event per widening or revocation. */
    private static final int MAX_EVENTS = 10_000;

    private final EventLedger ledger;

    public ConsentTimeline(EventLedger ledger) {
        this.ledger = ledger;
    }

    /** Empty when the user never consented to the client at all; {@code not_granted} when not yet at that instant. */
    public Optional<ConsentAsOf> asOf(String userId, String clientId, Instant at) {
        List<LedgerEvent> events = ledger.stream(ConsentId.of(userId, clientId), -1, MAX_EVENTS);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        ConsentAsOf state = new ConsentAsOf(userId, clientId, "not_granted", List.of(), null, null, null);
        for (LedgerEvent event : events) {
            if (event.recordedAt().isAfter(at)) {
                break;
            }
            state = state.after(event);
        }
        return Optional.of(state);
    }

    /**
     * @param status    {@code not_granted}, {@code granted} or {@code revoked}, as the ledger had it then
     * @param scopes    what the user allowed the client then
     * @param changedBy who made the last change before then ({@code kind:id})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConsentAsOf(String userId, String clientId, String status, List<String> scopes, Instant grantedAt,
                              Instant revokedAt, String changedBy) {

        ConsentAsOf after(LedgerEvent event) {
            JsonNode payload = event.payload();
            String actor = event.actor();
            if (event.type().endsWith(".ConsentRevoked")) {
                return new ConsentAsOf(userId, clientId, "revoked", List.of(), grantedAt,
                        Instant.parse(payload.path("revokedAt").asText()), actor);
            }
            List<String> scopes = new ArrayList<>();
            payload.path("scopes").forEach(scope -> scopes.add(scope.asText()));
            return new ConsentAsOf(userId, clientId, "granted", List.copyOf(scopes),
                    Instant.parse(payload.path("grantedAt").asText()), null, actor);
        }
    }
}
