package io.tokenledger.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.token.TokenIssued;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/** Events as the ledger would hold them, for projection tests. */
public final class ProjectionFixtures {

    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    public static final Actor ADMIN = Actor.admin("ledger-admin");

    private ProjectionFixtures() {
    }

    public static ClientRegistered clientRegistered(String clientId) {
        return new ClientRegistered(clientId, "Billing", "sha256:" + "cd".repeat(32), List.of(),
                List.of("client_credentials"), List.of("read", "write"), "client_secret_basic", null, false, null, null, null, null, null, null, null, NOW, ADMIN);
    }

    public static TokenIssued tokenIssued(String tokenId, String clientId) {
        return new TokenIssued(tokenId, clientId, null, "client_credentials", "Bearer", List.of("read"), null,
                "sha256:" + tokenId.replace("-", "").repeat(2), null, NOW, NOW.plus(Duration.ofHours(1)), null, null,
                null, Actor.client(clientId));
    }

    /** Puts the message's row in the event table at a chosen position, as the ledger's append would. */
    public static void stored(JdbcTemplate jdbc, DomainEventMessage<?> message, long position) {
        try {
            jdbc.update("""
                    INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                                                    sequence_number, type, time_stamp, payload_type, payload, meta_data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", position, message.getIdentifier(),
                    message.getAggregateIdentifier(), message.getSequenceNumber(), message.getType(),
                    message.getTimestamp().toString(), message.getPayloadType().getName(),
                    json().writeValueAsBytes(message.getPayload()), json().writeValueAsBytes(message.getMetaData()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Delivers {@code events} to {@code handler} the way a streaming processor does: one unit of work for the batch.
     * {@code beforeCommit} runs after the last event is handled, before the unit of work commits.
     */
    public static void inOneBatch(List<? extends EventMessage<?>> events, BiConsumer<Object, EventMessage<?>> handler,
                                  Runnable beforeCommit) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.copyOf(events));
        batch.onPrepareCommit(unitOfWork -> beforeCommit.run());
        var result = batch.executeWithResult(() -> {
            EventMessage<?> event = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
            handler.accept(event.getPayload(), event);
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
    }

    public static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                                 .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
