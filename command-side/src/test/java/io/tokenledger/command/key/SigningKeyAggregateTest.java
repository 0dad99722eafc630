package io.tokenledger.command.key;

import io.tokenledger.events.Actor;
import io.tokenledger.events.key.ActivateSigningKey;
import io.tokenledger.events.key.GenerateSigningKey;
import io.tokenledger.events.key.RetireSigningKey;
import io.tokenledger.events.key.SigningKeyActivated;
import io.tokenledger.events.key.SigningKeyGenerated;
import io.tokenledger.events.key.SigningKeyRetired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

class SigningKeyAggregateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Actor SYSTEM = Actor.system("signing-keys");
    private static final Map<String, String> PUBLIC = Map.of("kty", "EC", "kid", "k-1", "alg", "ES256", "use", "sig",
            "crv", "P-256", "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
    private static final SigningKeyGenerated GENERATED = new SigningKeyGenerated("k-1", "ES256", PUBLIC, NOW, SYSTEM);

    private AggregateTestFixture<SigningKeyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SigningKeyAggregate.class);
    }

    @Test
    void aKeyIsRecordedByItsPublicHalf() {
        fixture.givenNoPriorActivity()
               .when(new GenerateSigningKey("k-1", "ES256", PUBLIC, NOW, SYSTEM))
               .expectEvents(GENERATED);
    }

    /** The ledger is no place for a private key, whoever sends it (RFC 7518 §6.2.2: "d" is the EC private key). */
    @Test
    void aJwkWithAPrivateParameterIsRefused() {
        Map<String, String> withPrivate = new HashMap<>(PUBLIC);
        withPrivate.put("d", "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE");

        fixture.givenNoPriorActivity()
               .when(new GenerateSigningKey("k-1", "ES256", withPrivate, NOW, SYSTEM))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aJwkThatNamesAnotherKeyOrAlgorithmOrAnUnknownAlgorithmIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new GenerateSigningKey("k-2", "ES256", PUBLIC, NOW, SYSTEM))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(new GenerateSigningKey("k-1", "HS256", PUBLIC, NOW, SYSTEM))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void activatingRecordsOnceAndRetiringEndsItForGood() {
        SigningKeyActivated activated = new SigningKeyActivated("k-1", NOW.plusSeconds(1), SYSTEM);
        SigningKeyRetired retired = new SigningKeyRetired("k-1", NOW.plusSeconds(2), Actor.operator("alice"));

        fixture.given(GENERATED)
               .when(new ActivateSigningKey("k-1", NOW.plusSeconds(1), SYSTEM))
               .expectEvents(activated)
               .expectResultMessagePayload(true);
        fixture.given(GENERATED, activated)
               .when(new ActivateSigningKey("k-1", NOW.plusSeconds(5), SYSTEM))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(GENERATED, activated)
               .when(new RetireSigningKey("k-1", NOW.plusSeconds(2), Actor.operator("alice")))
               .expectEvents(retired)
               .expectResultMessagePayload(true);
        fixture.given(GENERATED, activated, retired)
               .when(new RetireSigningKey("k-1", NOW.plusSeconds(9), SYSTEM))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(GENERATED, activated, retired)
               .when(new ActivateSigningKey("k-1", NOW.plusSeconds(9), SYSTEM))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
    }
}
