package io.tokenledger.command.token;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.ExchangedFrom;
import io.tokenledger.events.token.IssueToken;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class TokenAggregateTest {

    private static final String HASH = "sha256:" + "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Actor CLIENT = Actor.client("client-1");
    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private AggregateTestFixture<TokenAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenAggregate.class);
    }

    @Test
    void issuingATokenRecordsItsHashAndExpiry() {
        fixture.givenNoPriorActivity()
               .when(issue(HASH, NOW.plus(Duration.ofHours(1))))
               .expectSuccessfulHandlerExecution()
               .expectEvents(issued());
    }

    @Test
    void anExchangedTokenRecordsTheTokensItCameFrom_RFC8693Section2_1() {
        ExchangedFrom from = new ExchangedFrom("t-0", "t-actor", true);
        fixture.givenNoPriorActivity()
               .when(new IssueToken("t-1", "client-1", "user-1", EXCHANGE, List.of("read"),
                       List.of("https://orders.example"), HASH, null, NOW, NOW.plusSeconds(60), null, null, from,
                       CLIENT))
               .expectEvents(new TokenIssued("t-1", "client-1", "user-1", EXCHANGE, "Bearer", List.of("read"),
                       List.of("https://orders.example"), HASH, null, NOW, NOW.plusSeconds(60), null, null, from,
                       CLIENT));
    }

    @Test
    void theServerRevokesAnExchangedTokenWhoseSubjectWasRevoked() {
        Actor server = Actor.system("token-exchange");
        fixture.given(new TokenIssued("t-1", "client-1", "user-1", EXCHANGE, "Bearer", List.of("read"), null, HASH,
                       null, NOW, NOW.plusSeconds(60), null, null, new ExchangedFrom("t-0", null, true), CLIENT))
               .when(new RevokeToken("t-1", RevocationReason.SUBJECT_TOKEN_REVOKED, NOW.plusSeconds(5), server))
               .expectResultMessagePayload(RevocationOutcome.REVOKED)
               .expectEvents(new TokenRevoked("t-1", "client-1", RevocationReason.SUBJECT_TOKEN_REVOKED,
                       NOW.plusSeconds(5), server, null, "user-1"));
    }

    @Test
    void aPlaintextTokenIsRefusedSoItNeverReachesTheLedger() {
        fixture.givenNoPriorActivity()
               .when(issue("a-plain-token-value", NOW.plus(Duration.ofHours(1))))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aTokenMustExpireAfterItIsIssued() {
        fixture.givenNoPriorActivity()
               .when(issue(HASH, NOW))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void revokingRecordsWhoAndWhy() {
        fixture.given(issued())
               .when(new RevokeToken("t-1", RevocationReason.REVOKED_BY_CLIENT, NOW.plusSeconds(5), CLIENT))
               .expectEvents(new TokenRevoked("t-1", "client-1", RevocationReason.REVOKED_BY_CLIENT,
                       NOW.plusSeconds(5), CLIENT));
    }

    @Test
    void anAdministratorsWrittenReasonIsRecordedWithTheRevocation() {
        Actor admin = Actor.user("u-9");
        fixture.given(issued())
               .when(new RevokeToken("t-1", RevocationReason.REVOKED_BY_ADMIN, NOW.plusSeconds(5), admin,
                       "laptop stolen"))
               .expectEvents(new TokenRevoked("t-1", "client-1", RevocationReason.REVOKED_BY_ADMIN,
                       NOW.plusSeconds(5), admin, "laptop stolen"));
    }

    @Test
    void revokingARevokedTokenRecordsNothing_RFC7009Section2_2() {
        fixture.given(issued(), new TokenRevoked("t-1", "client-1", RevocationReason.REVOKED_BY_CLIENT, NOW, CLIENT))
               .when(new RevokeToken("t-1", RevocationReason.REVOKED_BY_CLIENT, NOW.plusSeconds(5), CLIENT))
               .expectResultMessagePayload(RevocationOutcome.ALREADY_REVOKED)
               .expectNoEvents();
    }

    @Test
    void anotherClientMayNotRevokeTheToken_RFC7009Section2_1() {
        fixture.given(issued())
               .when(new RevokeToken("t-1", RevocationReason.REVOKED_BY_CLIENT, NOW.plusSeconds(5),
                       Actor.client("client-2")))
               .expectResultMessagePayload(RevocationOutcome.NOT_THE_CLIENTS)
               .expectNoEvents();
    }

    @Test
    void anAdministratorMayRevokeAnyToken() {
        fixture.given(issued())
               .when(new RevokeToken("t-1", RevocationReason.REVOKED_BY_ADMIN, NOW.plusSeconds(5), Actor.admin("ops")))
               .expectResultMessagePayload(RevocationOutcome.REVOKED)
               .expectEvents(new TokenRevoked("t-1", "client-1", RevocationReason.REVOKED_BY_ADMIN,
                       NOW.plusSeconds(5), Actor.admin("ops")));
    }

    private static IssueToken issue(String accessHash, Instant expiresAt) {
        return IssueToken.clientCredentials("t-1", "client-1", List.of("read"), List.of(), accessHash, NOW, expiresAt,
                null, null);
    }

    private static TokenIssued issued() {
        return new TokenIssued("t-1", "client-1", null, "client_credentials", "Bearer", List.of("read"), null, HASH, null,
                NOW, NOW.plus(Duration.ofHours(1)), null, null, null, CLIENT);
    }
}
