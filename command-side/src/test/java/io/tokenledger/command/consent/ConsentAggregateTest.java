package io.tokenledger.command.consent;

import io.tokenledger.events.Actor;
import io.tokenledger.events.consent.ConsentGranted;
import io.tokenledger.events.consent.ConsentRevoked;
import io.tokenledger.events.consent.GrantConsent;
import io.tokenledger.events.consent.RevokeConsent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class ConsentAggregateTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final String ID = "u-1/c-1";
    private static final Actor USER = Actor.user("u-1");
    private static final Actor ADMIN = Actor.admin("ops");
    private static final ConsentGranted OPENID = new ConsentGranted(ID, "u-1", "c-1", List.of("openid", "read"),
            List.of("openid", "read"), "s-1", T0, USER);

    private AggregateTestFixture<ConsentAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ConsentAggregate.class);
    }

    @Test
    void aUsersFirstConsentToAClientStartsItsStream() {
        fixture.givenNoPriorActivity()
               .when(new GrantConsent(ID, "u-1", "c-1", List.of("read", "openid", "read"), "s-1", T0, USER))
               .expectEvents(OPENID)
               .expectResultMessagePayload(true);
    }

    @Test
    void aLaterConsentAddsOnlyWhatWasNotAllowedYet() {
        fixture.given(OPENID)
               .when(new GrantConsent(ID, "u-1", "c-1", List.of("read", "write"), "s-2", T1, USER))
               .expectEvents(new ConsentGranted(ID, "u-1", "c-1", List.of("openid", "read", "write"),
                       List.of("write"), "s-2", T1, USER));
    }

    @Test
    void consentingToWhatIsAllowedAlreadyRecordsNothing() {
        fixture.given(OPENID)
               .when(new GrantConsent(ID, "u-1", "c-1", List.of("openid"), "s-2", T1, USER))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void revokingWithdrawsEveryScopeAndTheNextConsentStartsAfresh() {
        ConsentRevoked revoked = new ConsentRevoked(ID, "u-1", "c-1", List.of("openid", "read"), T1, ADMIN);
        fixture.given(OPENID)
               .when(new RevokeConsent(ID, T1, ADMIN))
               .expectEvents(revoked)
               .expectResultMessagePayload(true);
        fixture.given(OPENID, revoked)
               .when(new GrantConsent(ID, "u-1", "c-1", List.of("openid"), "s-3", T1, USER))
               .expectEvents(new ConsentGranted(ID, "u-1", "c-1", List.of("openid"), List.of("openid"), "s-3", T1,
                       USER));
    }

    @Test
    void revokingWhatAllowsNothingRecordsNothing() {
        fixture.given(OPENID, new ConsentRevoked(ID, "u-1", "c-1", List.of("openid", "read"), T1, ADMIN))
               .when(new RevokeConsent(ID, T1, ADMIN))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aConsentNamedForAnotherUserOrClientIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new GrantConsent("u-2/c-1", "u-1", "c-1", List.of("openid"), "s-1", T0, USER))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aConsentToNothingIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new GrantConsent(ID, "u-1", "c-1", List.of(), "s-1", T0, USER))
               .expectException(IllegalArgumentException.class);
    }
}
