package io.tokenledger.command.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.grant.DecideDeviceAuthorization;
import io.tokenledger.events.grant.DeviceAuthorizationApproved;
import io.tokenledger.events.grant.DeviceAuthorizationDenied;
import io.tokenledger.events.grant.DeviceAuthorizationExpired;
import io.tokenledger.events.grant.DeviceAuthorizationRequested;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.ExpireDeviceAuthorization;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.NewTokens;
import io.tokenledger.events.grant.RedeemDeviceCode;
import io.tokenledger.events.grant.RedemptionOutcome;
import io.tokenledger.events.grant.RefreshGrant;
import io.tokenledger.events.grant.RefreshOutcome;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.grant.RequestDeviceAuthorization;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The device authorization grant (RFC 8628) as the grant aggregate decides it, given/when/expect. */
class DeviceGrantTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofMinutes(10));
    private static final Instant REFRESH_EXPIRY = T0.plus(Duration.ofDays(30));
    private static final String DEVICE_CODE = "sha256:" + "0d".repeat(32);
    private static final String USER_CODE = "hmac-sha256:" + "0c".repeat(32);
    private static final Actor TV = Actor.client("tv");
    private static final Actor USER = Actor.user("u-1");
    private static final Authentication SIGN_IN = new Authentication(T0, List.of("pwd"), "s-1");
    private static final List<String> SCOPES = List.of("read");

    private AggregateTestFixture<GrantAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GrantAggregate.class);
        fixture.registerInjectableResource(new GrantPolicy(Duration.ofSeconds(10)));
    }

    @Test
    void aDeviceRequestRecordsOnlyTheHashesOfItsCodes_RFC8628Section3_2() {
        fixture.givenNoPriorActivity()
               .when(new RequestDeviceAuthorization("g-1", "tv", DEVICE_CODE, USER_CODE, SCOPES, T0, EXPIRES, TV))
               .expectEvents(requested());
        fixture.givenNoPriorActivity()
               .when(new RequestDeviceAuthorization("g-1", "tv", "ABCD-EFGH", USER_CODE, SCOPES, T0, EXPIRES, TV))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(new RequestDeviceAuthorization("g-1", "tv", DEVICE_CODE, "sha256:" + "0c".repeat(32), SCOPES, T0,
                       EXPIRES, TV))
               .expectException(IllegalArgumentException.class);
    }

    @Test
    void aPendingRequestIsPolledWithoutRecordingAnything_RFC8628Section3_5() {
        fixture.given(requested())
               .when(redeem(T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.PENDING))
               .expectNoEvents();
    }

    @Test
    void theUserApprovesOnceAndTheDeviceGetsTheGrantsFirstTokensOnce_RFC8628Section3_3() {
        fixture.given(requested())
               .when(decide(true, T0.plusSeconds(30)))
               .expectResultMessagePayload(DecideDeviceAuthorization.Outcome.RECORDED)
               .expectEvents(new DeviceAuthorizationApproved("g-1", "tv", "u-1", SIGN_IN, T0.plusSeconds(30), USER));
        fixture.given(requested(), approved())
               .when(decide(false, T0.plusSeconds(40)))
               .expectResultMessagePayload(DecideDeviceAuthorization.Outcome.ALREADY_DECIDED)
               .expectNoEvents();
        fixture.given(requested(), approved())
               .when(redeem(T0.plusSeconds(35)))
               .expectEvents(redeemed());
        fixture.given(requested(), approved(), redeemed())
               .when(redeem(T0.plusSeconds(40)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.REPLAYED))
               .expectNoEvents();
    }

    @Test
    void aDeniedRequestIsAnsweredAccessDeniedAndAnotherClientGetsNothing() {
        fixture.given(requested())
               .when(decide(false, T0.plusSeconds(30)))
               .expectEvents(new DeviceAuthorizationDenied("g-1", "tv", "u-1", T0.plusSeconds(30), USER));
        fixture.given(requested(), new DeviceAuthorizationDenied("g-1", "tv", "u-1", T0.plusSeconds(30), USER))
               .when(redeem(T0.plusSeconds(35)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.DENIED))
               .expectNoEvents();
        fixture.given(requested(), approved())
               .when(new RedeemDeviceCode("g-1", "other", SCOPES, tokens(), REFRESH_EXPIRY, false,
                       T0.plusSeconds(35), Actor.client("other")))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.WRONG_CLIENT))
               .expectNoEvents();
    }

    @Test
    void anUndecidedRequestExpiresOnceAndCanNoLongerBeApprovedOrRedeemed_RFC8628Section3_5() {
        DeviceAuthorizationExpired expired = new DeviceAuthorizationExpired("g-1", "tv", EXPIRES, TV);
        fixture.given(requested())
               .when(new ExpireDeviceAuthorization("g-1", EXPIRES, TV))
               .expectEvents(expired);
        fixture.given(requested())
               .when(new ExpireDeviceAuthorization("g-1", EXPIRES.minusSeconds(1), TV))
               .expectNoEvents();
        fixture.given(requested(), expired)
               .when(redeem(EXPIRES.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.EXPIRED))
               .expectNoEvents();
        fixture.given(requested(), expired)
               .when(decide(true, EXPIRES.plusSeconds(5)))
               .expectResultMessagePayload(DecideDeviceAuthorization.Outcome.EXPIRED)
               .expectNoEvents();
        fixture.given(requested())
               .when(decide(true, EXPIRES.plusSeconds(5)))
               .expectResultMessagePayload(DecideDeviceAuthorization.Outcome.EXPIRED)
               .expectEvents(new DeviceAuthorizationExpired("g-1", "tv", EXPIRES.plusSeconds(5), USER));
    }

    @Test
    void theDeviceGrantRefreshesLikeAnyOther_RFC8628Section3_5() {
        NewTokens next = new NewTokens("t-2", "sha256:" + "a2".repeat(32), "sha256:" + "b2".repeat(32),
                T0.plus(Duration.ofHours(2)), null, null);
        GrantToken rotated = next.issued(SCOPES, List.of(), T0.plus(Duration.ofHours(1)));
        fixture.given(requested(), approved(), redeemed())
               .when(new RefreshGrant("g-1", "tv", "t-1", List.of(), SCOPES, List.of(), next, null,
                       false, T0.plus(Duration.ofHours(1)), TV))
               .expectResultMessagePayload(new RefreshOutcome(RefreshOutcome.Result.ROTATED, rotated, null))
               .expectEvents(new RefreshTokenRotated("g-1", "tv", "u-1", "t-1", rotated, null, REFRESH_EXPIRY, null,
                       TV));
    }

    private static DeviceAuthorizationRequested requested() {
        return new DeviceAuthorizationRequested("g-1", "tv", DEVICE_CODE, USER_CODE, SCOPES, T0, EXPIRES, TV);
    }

    private static DeviceAuthorizationApproved approved() {
        return new DeviceAuthorizationApproved("g-1", "tv", "u-1", SIGN_IN, T0.plusSeconds(30), USER);
    }

    private static DecideDeviceAuthorization decide(boolean approve, Instant at) {
        return new DecideDeviceAuthorization("g-1", "u-1", approve, SIGN_IN, at, USER);
    }

    private static NewTokens tokens() {
        return new NewTokens("t-1", "sha256:" + "a1".repeat(32), "sha256:" + "b1".repeat(32),
                T0.plus(Duration.ofHours(1)), null, null);
    }

    private static RedeemDeviceCode redeem(Instant at) {
        return new RedeemDeviceCode("g-1", "tv", SCOPES, tokens(), REFRESH_EXPIRY, false, at, TV);
    }

    private static DeviceCodeRedeemed redeemed() {
        GrantToken token = tokens().issued(SCOPES, List.of(), T0.plusSeconds(35));
        return new DeviceCodeRedeemed("g-1", "tv", "u-1", token, REFRESH_EXPIRY, null, TV);
    }
}
