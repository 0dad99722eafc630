package io.tokenledger.command.logout;

import io.tokenledger.events.Actor;
import io.tokenledger.events.logout.BackchannelLogoutDelivered;
import io.tokenledger.events.logout.BackchannelLogoutFailed;
import io.tokenledger.events.logout.BackchannelLogoutRequested;
import io.tokenledger.events.logout.RecordBackchannelLogoutAttempt;
import io.tokenledger.events.logout.RequestBackchannelLogout;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.tokenledger.command.logout.BackchannelLogoutAggregate.DELIVERY;

class BackchannelLogoutAggregateTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final String URI = "https://rp.example/backchannel";
    private static final BackchannelLogoutRequested REQUESTED = new BackchannelLogoutRequested("l-1", "s-1", "u-1",
            "c-1", URI, "https://ledger.example", T0, Actor.user("u-1"));

    private AggregateTestFixture<BackchannelLogoutAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BackchannelLogoutAggregate.class);
    }

    @Test
    void aLogoutIsRequestedForOneClientOfTheSession() {
        fixture.givenNoPriorActivity()
               .when(new RequestBackchannelLogout("l-1", "s-1", "u-1", "c-1", URI, "https://ledger.example", T0,
                       Actor.user("u-1")))
               .expectEvents(REQUESTED);
    }

    @Test
    void aFailedAttemptIsRecordedWithItsNumberAndTheNextOneDelivers() {
        BackchannelLogoutFailed failed = new BackchannelLogoutFailed("l-1", "c-1", 1, "k-1", 503, null,
                T0.plusSeconds(1), T0.plusSeconds(11), DELIVERY);
        fixture.given(REQUESTED)
               .when(new RecordBackchannelLogoutAttempt("l-1", "k-1", 503, null, T0.plusSeconds(1),
                       T0.plusSeconds(11)))
               .expectEvents(failed);
        fixture.given(REQUESTED, failed)
               .when(new RecordBackchannelLogoutAttempt("l-1", "k-1", 200, null, T0.plusSeconds(11), null))
               .expectEvents(new BackchannelLogoutDelivered("l-1", "c-1", 2, "k-1", 200, T0.plusSeconds(11),
                       DELIVERY));
    }

    @Test
    void afterDeliveryOrAbandonmentNothingMoreIsRecorded() {
        fixture.given(REQUESTED, new BackchannelLogoutDelivered("l-1", "c-1", 1, "k-1", 204, T0, DELIVERY))
               .when(new RecordBackchannelLogoutAttempt("l-1", "k-1", 200, null, T0.plusSeconds(5), null))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(REQUESTED, new BackchannelLogoutFailed("l-1", "c-1", 1, "k-1", null, "timed out", T0, null,
                       DELIVERY))
               .when(new RecordBackchannelLogoutAttempt("l-1", "k-1", 200, null, T0.plusSeconds(5), null))
               .expectNoEvents();
    }

    @Test
    void aRedirectIsNoDelivery_BackChannelLogout2_8() {
        fixture.given(REQUESTED)
               .when(new RecordBackchannelLogoutAttempt("l-1", "k-1", 302, null, T0, null))
               .expectEvents(new BackchannelLogoutFailed("l-1", "c-1", 1, "k-1", 302, null, T0, null, DELIVERY));
    }
}
