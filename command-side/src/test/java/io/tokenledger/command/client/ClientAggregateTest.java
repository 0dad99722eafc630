package io.tokenledger.command.client;

import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.RegisterClient;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class ClientAggregateTest {

    private static final String HASH = "sha256:" + "cd".repeat(32);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Actor ADMIN = Actor.admin("ledger-admin");

    private AggregateTestFixture<ClientAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClientAggregate.class);
    }

    @Test
    void registeringAClientRecordsItsMetadataAndOnlyTheSecretHash() {
        fixture.givenNoPriorActivity()
               .when(register(HASH, List.of("client_credentials")))
               .expectEvents(new ClientRegistered("c-1", "Billing", HASH, List.of(), List.of("client_credentials"),
                       List.of("read"), "client_secret_basic", NOW, ADMIN));
    }

    @Test
    void aPlaintextSecretIsRefused() {
        fixture.givenNoPriorActivity()
               .when(register("hunter2", List.of("client_credentials")))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aClientWithoutGrantTypesIsRefused() {
        fixture.givenNoPriorActivity()
               .when(register(HASH, List.of()))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    private static RegisterClient register(String secretHash, List<String> grantTypes) {
        return new RegisterClient("c-1", "Billing", secretHash, List.of(), grantTypes, List.of("read"),
                "client_secret_basic", NOW, ADMIN);
    }
}
