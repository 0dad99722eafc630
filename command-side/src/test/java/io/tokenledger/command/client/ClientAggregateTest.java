package io.tokenledger.command.client;

import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.client.RegisterClient;
import io.tokenledger.events.client.RegistrationAccessTokenIssued;
import io.tokenledger.events.client.RetireClient;
import io.tokenledger.events.client.RotateClientSecret;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.events.client.UpdateClient;
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
                       List.of("read"), "client_secret_basic", null, false, null, null, null, null, null, null, null, NOW, ADMIN));
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

    @Test
    void updatingReplacesTheMetadataButNotTheSecret_RFC7592Section2_2() {
        fixture.given(registered())
               .when(new UpdateClient("c-1", "Billing v2", List.of(), List.of("client_credentials"), List.of("read", "write"),
                       "client_secret_post", null, false, null, null, null, null, false, false, null, null, NOW, ADMIN))
               .expectEvents(new ClientUpdated("c-1", "Billing v2", List.of(), List.of("client_credentials"),
                       List.of("read", "write"), "client_secret_post", null, false, null, null, null, null, null, null, null, NOW, ADMIN));
    }

    @Test
    void aTokenExchangePolicyIsRecordedAndTheDefaultOneLeftOut_RFC8693() {
        TokenExchangePolicy policy = new TokenExchangePolicy(List.of("https://orders.example"), true);
        List<String> grants = List.of("urn:ietf:params:oauth:grant-type:token-exchange");
        fixture.given(registered())
               .when(new UpdateClient("c-1", "Gw", List.of(), grants, List.of("read"), "client_secret_basic", null,
                       false, null, null, null, null, false, false, policy, null, NOW, ADMIN))
               .expectEvents(new ClientUpdated("c-1", "Gw", List.of(), grants, List.of("read"), "client_secret_basic",
                       null, false, null, null, null, null, null, null, policy, NOW, ADMIN));
        fixture.given(registered())
               .when(new UpdateClient("c-1", "Gw", List.of(), grants, List.of("read"), "client_secret_basic", null,
                       false, null, null, null, null, false, false, TokenExchangePolicy.NONE, null, NOW, ADMIN))
               .expectEvents(new ClientUpdated("c-1", "Gw", List.of(), grants, List.of("read"), "client_secret_basic",
                       null, false, null, null, null, null, null, null, null, NOW, ADMIN));
    }

    @Test
    void aRegistrationAccessTokenIsIssuedWithTheRegistrationAndReplacedOnUpdate_RFC7592Section3() {
        String first = "sha256:" + "01".repeat(32);
        String second = "sha256:" + "02".repeat(32);
        fixture.givenNoPriorActivity()
               .when(new RegisterClient("c-1", "Billing", HASH, List.of(), List.of("client_credentials"),
                       List.of("read"), "client_secret_basic", null, false, null, null, null, null, false, false, null, first, NOW, ADMIN))
               .expectEvents(registered(), new RegistrationAccessTokenIssued("c-1", first, NOW, ADMIN));
        fixture.given(registered(), new RegistrationAccessTokenIssued("c-1", first, NOW, ADMIN))
               .when(new UpdateClient("c-1", "Billing", List.of(), List.of("client_credentials"), List.of("read"),
                       "client_secret_basic", null, false, null, null, null, null, false, false, null, second, NOW, Actor.client("c-1")))
               .expectEvents(new ClientUpdated("c-1", "Billing", List.of(), List.of("client_credentials"),
                               List.of("read"), "client_secret_basic", null, false, null, null, null, null, null, null, null, NOW, Actor.client("c-1")),
                       new RegistrationAccessTokenIssued("c-1", second, NOW, Actor.client("c-1")));
        fixture.givenNoPriorActivity()
               .when(new RegisterClient("c-1", "Billing", HASH, List.of(), List.of("client_credentials"),
                       List.of("read"), "client_secret_basic", null, false, null, null, null, null, false, false, null, "the token itself", NOW, ADMIN))
               .expectException(IllegalArgumentException.class);
    }

    @Test
    void aConfidentialClientCannotBecomePublic() {
        fixture.given(registered())
               .when(new UpdateClient("c-1", "Billing", List.of(), List.of("client_credentials"), List.of(), "none", null, false, null, null, null, null, false, false, null, null, NOW, ADMIN))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aClientSigningItsAssertionsRegistersItsKeysAndNoSecret_RFC7523() {
        String jwks = "{\"keys\":[]}";
        fixture.givenNoPriorActivity()
               .when(registerWithKeys(null, "https://client.example/jwks", null))
               .expectEvents(keysRegistered("https://client.example/jwks", null));
        fixture.givenNoPriorActivity()
               .when(registerWithKeys(null, null, jwks))
               .expectEvents(keysRegistered(null, jwks));
        fixture.givenNoPriorActivity()
               .when(registerWithKeys(HASH, null, jwks))
               .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
               .when(registerWithKeys(null, null, null))
               .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
               .when(registerWithKeys(null, "https://client.example/jwks", jwks))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aClientKeepsItsKindOfCredential() {
        fixture.given(registered())
               .when(new UpdateClient("c-1", "Billing", List.of(), List.of("client_credentials"), List.of(),
                       "private_key_jwt", null, false, null, null, "https://client.example/jwks", null, false, false, null, null, NOW,
                       ADMIN))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
        fixture.given(keysRegistered("https://client.example/jwks", null))
               .when(new RotateClientSecret("c-1", HASH, NOW, ADMIN))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
        fixture.given(registered())
               .when(new UpdateClient("c-1", "Billing", List.of(), List.of("client_credentials"), List.of(),
                       "client_secret_basic", null, false, null, null, "https://client.example/jwks", null, false, false, null, null,
                       NOW, ADMIN))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void rotatingTheSecretRecordsOnlyItsHash() {
        String newHash = "sha256:" + "ef".repeat(32);
        fixture.given(registered())
               .when(new RotateClientSecret("c-1", newHash, NOW, ADMIN))
               .expectEvents(new ClientSecretRotated("c-1", newHash, NOW, ADMIN));
    }

    @Test
    void aRetiredClientCannotChangeAndRetiringTwiceRecordsOnce_RFC7592Section2_3() {
        fixture.given(registered(), new ClientRetired("c-1", NOW, ADMIN))
               .when(new RotateClientSecret("c-1", HASH, NOW, ADMIN))
               .expectException(ClientRetiredException.class)
               .expectNoEvents();
        fixture.given(registered(), new ClientRetired("c-1", NOW, ADMIN))
               .when(new RetireClient("c-1", NOW.plusSeconds(1), ADMIN))
               .expectNoEvents();
    }

    private static ClientRegistered registered() {
        return new ClientRegistered("c-1", "Billing", HASH, List.of(), List.of("client_credentials"), List.of("read"),
                "client_secret_basic", null, false, null, null, null, null, null, null, null, NOW, ADMIN);
    }

    private static ClientRegistered keysRegistered(String jwksUri, String jwks) {
        return new ClientRegistered("c-1", "Billing", null, List.of(), List.of("client_credentials"), List.of("read"),
                "private_key_jwt", null, false, null, null, jwksUri, jwks, null, null, null, NOW, ADMIN);
    }

    private static RegisterClient registerWithKeys(String secretHash, String jwksUri, String jwks) {
        return new RegisterClient("c-1", "Billing", secretHash, List.of(), List.of("client_credentials"),
                List.of("read"), "private_key_jwt", null, false, null, null, jwksUri, jwks, false, false, null, null, NOW, ADMIN);
    }

    private static RegisterClient register(String secretHash, List<String> grantTypes) {
        return new RegisterClient("c-1", "Billing", secretHash, List.of(), grantTypes, List.of("read"),
                "client_secret_basic", null, false, null, null, null, null, false, false, null, null, NOW, ADMIN);
    }
}
