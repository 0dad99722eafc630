package io.tokenledger.command.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.AuthorizationCodeReplayed;
import io.tokenledger.events.grant.GrantNarrowed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.IssueAuthorizationCode;
import io.tokenledger.events.grant.NarrowGrant;
import io.tokenledger.events.grant.NewTokens;
import io.tokenledger.events.grant.RedeemAuthorizationCode;
import io.tokenledger.events.grant.RedemptionOutcome;
import io.tokenledger.events.grant.RefreshGrant;
import io.tokenledger.events.grant.RefreshOutcome;
import io.tokenledger.events.grant.RefreshTokenReused;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrantAggregateTest {

    private static final String JKT = "A".repeat(43);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant REFRESH_EXPIRY = T0.plus(Duration.ofDays(30));
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final Actor CLIENT = Actor.client("c-1");
    private static final Actor USER = new Actor("user", "u-1");
    private static final Actor ADMIN = Actor.client("admin");
    private static final List<String> CLIENT_SCOPES = List.of("read", "write");

    private AggregateTestFixture<GrantAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GrantAggregate.class);
        fixture.registerInjectableResource(new GrantPolicy(Duration.ofSeconds(10)));
    }

    @Test
    void aPlainChallengeIsRefused_RFC9700Section2_1_1() {
        fixture.givenNoPriorActivity()
               .when(new IssueAuthorizationCode("g-1", "c-1", "u-1", hash('c'), "https://app.example/cb",
                       List.of("read"), List.of(), "verifier-as-challenge", "plain", T0, T0.plusSeconds(60), null,
                       null, null, USER))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void redeemingTheCodeIssuesTheGrantsFirstTokens() {
        fixture.given(codeIssued(CHALLENGE))
               .when(redeem("c-1", "https://app.example/cb", CHALLENGE, T0.plusSeconds(5)))
               .expectResultMessagePayload(new RedemptionOutcome(RedemptionOutcome.Result.REDEEMED,
                       redeemed().token(), null))
               .expectEvents(redeemed());
    }

    @Test
    void anAdministratorsWrittenReasonIsRecordedWithTheGrantsRevocation() {
        Actor admin = Actor.user("u-9");
        fixture.given(codeIssued(CHALLENGE))
               .when(new RevokeGrant("g-1", null, RevocationReason.REVOKED_BY_ADMIN, T0.plusSeconds(3), admin,
                       "laptop stolen"))
               .expectEvents(new GrantRevoked("g-1", "c-1", List.of(), RevocationReason.REVOKED_BY_ADMIN,
                       T0.plusSeconds(3), admin, "laptop stolen", "u-1"));
    }

    /** A grant revoked before its code came back (its user disabled, say) issues nothing for that code. */
    @Test
    void aCodeOfARevokedGrantIsRefused() {
        Actor operator = Actor.operator("alice");
        fixture.given(codeIssued(CHALLENGE))
               .when(new RevokeGrant("g-1", RevocationReason.USER_DISABLED, T0.plusSeconds(3), operator))
               .expectResultMessagePayload(RevocationOutcome.REVOKED)
               .expectEvents(new GrantRevoked("g-1", "c-1", List.of(), RevocationReason.USER_DISABLED,
                       T0.plusSeconds(3), operator, null, "u-1"));
        fixture.given(codeIssued(CHALLENGE), new GrantRevoked("g-1", "c-1", List.of(), RevocationReason.USER_DISABLED,
                       T0.plusSeconds(3), operator))
               .when(redeem("c-1", "https://app.example/cb", CHALLENGE, T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.REVOKED))
               .expectNoEvents();
    }

    @Test
    void aSecondRedemptionIsRecordedAndRevokesTheGrant_RFC9700Section4_2_4() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(redeem("c-1", "https://app.example/cb", CHALLENGE, T0.plusSeconds(6)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.REPLAYED))
               .expectEvents(new AuthorizationCodeReplayed("g-1", "c-1", T0.plusSeconds(6), CLIENT),
                       new GrantRevoked("g-1", "c-1", List.of("t-1"), RevocationReason.CODE_REPLAYED,
                               T0.plusSeconds(6), CLIENT, null, "u-1"));
    }

    @Test
    void everyReplayIsRecordedButTheGrantIsRevokedOnce() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), new AuthorizationCodeReplayed("g-1", "c-1", T0.plusSeconds(6), CLIENT),
                       new GrantRevoked("g-1", "c-1", List.of("t-1"), RevocationReason.CODE_REPLAYED, T0.plusSeconds(6), CLIENT))
               .when(redeem("c-1", "https://app.example/cb", CHALLENGE, T0.plusSeconds(7)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.REPLAYED))
               .expectEvents(new AuthorizationCodeReplayed("g-1", "c-1", T0.plusSeconds(7), CLIENT));
    }

    @Test
    void aWrongVerifierIsRefusedAndRecordsNothing_RFC7636Section4_6() {
        fixture.given(codeIssued(CHALLENGE))
               .when(redeem("c-1", "https://app.example/cb", "another-challenge", T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.VERIFIER_MISMATCH))
               .expectNoEvents();
    }

    @Test
    void aMissingVerifierIsRefused() {
        fixture.given(codeIssued(CHALLENGE))
               .when(redeem("c-1", "https://app.example/cb", null, T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.VERIFIER_MISMATCH))
               .expectNoEvents();
    }

    @Test
    void aVerifierForACodeIssuedWithoutAChallengeIsRefused() {
        fixture.given(codeIssued(null))
               .when(redeem("c-1", "https://app.example/cb", CHALLENGE, T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.VERIFIER_MISMATCH))
               .expectNoEvents();
    }

    @Test
    void anotherClientsCodeIsRefused_RFC6749Section4_1_3() {
        fixture.given(codeIssued(CHALLENGE))
               .when(redeem("c-2", "https://app.example/cb", CHALLENGE, T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.WRONG_CLIENT))
               .expectNoEvents();
    }

    @Test
    void aDifferentRedirectUriIsRefused_RFC6749Section4_1_3() {
        fixture.given(codeIssued(CHALLENGE))
               .when(redeem("c-1", "https://app.example/other", CHALLENGE, T0.plusSeconds(5)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.REDIRECT_URI_MISMATCH))
               .expectNoEvents();
    }

    @Test
    void anExpiredCodeIsRefused() {
        fixture.given(codeIssued(CHALLENGE))
               .when(redeem("c-1", "https://app.example/cb", CHALLENGE, T0.plusSeconds(60)))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.EXPIRED))
               .expectNoEvents();
    }

    @Test
    void refreshingRotatesToANewTokenWithTheNarrowedScope() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(refresh("t-1", "t-2", List.of("read"), T0.plusSeconds(100)))
               .expectResultMessagePayload(new RefreshOutcome(RefreshOutcome.Result.ROTATED,
                       token("t-2", List.of("read"), T0.plusSeconds(100)), null))
               .expectEvents(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-1", token("t-2", List.of("read"),
                       T0.plusSeconds(100)), null, REFRESH_EXPIRY, null, CLIENT));
    }

    @Test
    void wideningTheScopeIsRefused_RFC6749Section6() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(refresh("t-1", "t-2", List.of("read", "admin"), T0.plusSeconds(100)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.SCOPE_WIDENED))
               .expectNoEvents();
    }

    @Test
    void reusingARetiredRefreshTokenRevokesTheWholeFamily_RFC9700Section4_14_2() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), rotated("t-1", "t-2", null, T0.plusSeconds(100)),
                       rotated("t-2", "t-3", null, T0.plusSeconds(200)))
               .when(refresh("t-1", "t-4", List.of(), T0.plusSeconds(300)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.REUSED))
               .expectEvents(new RefreshTokenReused("g-1", "c-1", "t-1", T0.plusSeconds(300), CLIENT),
                       new GrantRevoked("g-1", "c-1", List.of("t-1", "t-2", "t-3"), RevocationReason.REFRESH_REUSED,
                               T0.plusSeconds(300), CLIENT, null, "u-1"));
    }

    @Test
    void aClientThatLostTheResponseMayRetryWithinTheWindowAndTheUnusedSuccessorIsSuperseded() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), rotated("t-1", "t-2", null, T0.plusSeconds(100)))
               .when(refresh("t-1", "t-3", List.of(), T0.plusSeconds(105)))
               .expectResultMessagePayload(new RefreshOutcome(RefreshOutcome.Result.ROTATED,
                       token("t-3", List.of("read", "write"), T0.plusSeconds(105)), null))
               .expectEvents(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-1", token("t-3", List.of("read", "write"),
                       T0.plusSeconds(105)), "t-2", REFRESH_EXPIRY, null, CLIENT));
    }

    @Test
    void afterTheRetryWindowTheOldTokenIsReuse() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), rotated("t-1", "t-2", null, T0.plusSeconds(100)))
               .when(refresh("t-1", "t-3", List.of(), T0.plusSeconds(110)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.REUSED));
    }

    @Test
    void retriesCannotStretchTheWindow() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), rotated("t-1", "t-2", null, T0.plusSeconds(100)),
                       rotated("t-1", "t-3", "t-2", T0.plusSeconds(109)))
               .when(refresh("t-1", "t-4", List.of(), T0.plusSeconds(111)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.REUSED));
    }

    @Test
    void aRefreshTokenPastTheGrantsAbsoluteLifetimeIsRefused() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(refresh("t-1", "t-2", List.of(), REFRESH_EXPIRY))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.EXPIRED))
               .expectNoEvents();
    }

    @Test
    void aRevokedGrantRefusesRefreshAndRevokingTwiceRecordsOnce() {
        GrantRevoked revoked = new GrantRevoked("g-1", "c-1", List.of("t-1"), RevocationReason.GRANT_REVOKED_BY_CLIENT,
                T0.plusSeconds(50), CLIENT);
        fixture.given(codeIssued(CHALLENGE), redeemed(), revoked)
               .when(refresh("t-1", "t-2", List.of(), T0.plusSeconds(100)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.REVOKED))
               .expectNoEvents();
        fixture.given(codeIssued(CHALLENGE), redeemed(), revoked)
               .when(new RevokeGrant("g-1", RevocationReason.GRANT_REVOKED_BY_CLIENT, T0.plusSeconds(60), CLIENT))
               .expectResultMessagePayload(RevocationOutcome.ALREADY_REVOKED)
               .expectNoEvents();
    }

    @Test
    void anyLiveTokenOfTheGrantPresentedByItsClientEndsTheWholeGrant_RFC7009Section2_1() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), rotated("t-1", "t-2", null, T0.plusSeconds(100)))
               .when(new RevokeGrant("g-1", "t-1", RevocationReason.GRANT_REVOKED_BY_CLIENT, T0.plusSeconds(200),
                       CLIENT))
               .expectResultMessagePayload(RevocationOutcome.REVOKED)
               .expectEvents(new GrantRevoked("g-1", "c-1", List.of("t-1", "t-2"),
                       RevocationReason.GRANT_REVOKED_BY_CLIENT, T0.plusSeconds(200), CLIENT, null, "u-1"));
    }

    @Test
    void aSupersededTokenPresentedForRevocationEndsNothing_RFC7009Section2_2() {
        fixture.given(codeIssued(CHALLENGE), redeemed(), rotated("t-1", "t-2", null, T0.plusSeconds(100)),
                       rotated("t-1", "t-3", "t-2", T0.plusSeconds(105)))
               .when(new RevokeGrant("g-1", "t-2", RevocationReason.GRANT_REVOKED_BY_CLIENT, T0.plusSeconds(200),
                       CLIENT))
               .expectResultMessagePayload(RevocationOutcome.ALREADY_REVOKED)
               .expectNoEvents();
    }

    @Test
    void anotherClientMayNotEndTheGrant_RFC7009Section2_1() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(new RevokeGrant("g-1", "t-1", RevocationReason.GRANT_REVOKED_BY_CLIENT, T0.plusSeconds(200),
                       Actor.client("c-2")))
               .expectResultMessagePayload(RevocationOutcome.NOT_THE_CLIENTS)
               .expectNoEvents();
    }

    @Test
    void aRefreshAfterTheClientWasNarrowedRecordsItAndYieldsOnlyWhatIsLeft_RFC6749Section3_3() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of(), List.of("read"), List.of(), tokens("t-2"), null, false,
                       T0.plusSeconds(100), CLIENT))
               .expectResultMessagePayload(new RefreshOutcome(RefreshOutcome.Result.ROTATED,
                       token("t-2", List.of("read"), T0.plusSeconds(100)), null))
               .expectEvents(new GrantNarrowed("g-1", "c-1", List.of("read"), List.of("write"), T0.plusSeconds(100),
                               CLIENT),
                       new RefreshTokenRotated("g-1", "c-1", "u-1", "t-1", token("t-2", List.of("read"),
                               T0.plusSeconds(100)), null, REFRESH_EXPIRY, null, CLIENT));
    }

    @Test
    void aNarrowedGrantStaysNarrowedWhenTheClientIsWidenedAgain() {
        GrantNarrowed narrowed = new GrantNarrowed("g-1", "c-1", List.of("read"), List.of("write"), T0.plusSeconds(50),
                ADMIN);
        fixture.given(codeIssued(CHALLENGE), redeemed(), narrowed)
               .when(refresh("t-1", "t-2", List.of("read", "write"), T0.plusSeconds(100)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.SCOPE_WIDENED))
               .expectNoEvents();
    }

    @Test
    void aGrantWithNoScopeTheClientStillHasYieldsNothing() {
        fixture.given(codeIssued(CHALLENGE))
               .when(new RedeemAuthorizationCode("g-1", "c-1", "https://app.example/cb", CHALLENGE, List.of("admin"),
                       List.of(), tokens("t-1"), null, REFRESH_EXPIRY, false, T0.plusSeconds(5), CLIENT))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.SCOPES_WITHDRAWN))
               .expectEvents(new GrantNarrowed("g-1", "c-1", List.of(), List.of("read", "write"), T0.plusSeconds(5),
                       CLIENT));
    }

    @Test
    void narrowingIsRecordedOnceAndNotOnARevokedGrant() {
        GrantNarrowed narrowed = new GrantNarrowed("g-1", "c-1", List.of("read"), List.of("write"), T0.plusSeconds(50),
                ADMIN);
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(new NarrowGrant("g-1", List.of("read", "other"), T0.plusSeconds(50), ADMIN))
               .expectEvents(narrowed);
        fixture.given(codeIssued(CHALLENGE), redeemed(), narrowed)
               .when(new NarrowGrant("g-1", List.of("read"), T0.plusSeconds(60), ADMIN))
               .expectNoEvents();
        fixture.given(codeIssued(CHALLENGE), redeemed(), new GrantRevoked("g-1", "c-1", List.of("t-1"),
                       RevocationReason.CLIENT_RETIRED, T0.plusSeconds(40), ADMIN))
               .when(new NarrowGrant("g-1", List.of("read"), T0.plusSeconds(60), ADMIN))
               .expectNoEvents();
    }

    private static final String API = "https://api.example/";
    private static final String BILLING = "https://billing.example/";

    @Test
    void aCodeRedemptionMayNameSomeOfTheAuthorizedResourcesButNoOther_RFC8707Section2_2() {
        fixture.given(codeIssued(CHALLENGE, List.of(API, BILLING)))
               .when(new RedeemAuthorizationCode("g-1", "c-1", "https://app.example/cb", CHALLENGE, CLIENT_SCOPES,
                       List.of(API), tokens("t-1"), null, REFRESH_EXPIRY, false, T0.plusSeconds(5), CLIENT))
               .expectEvents(new AuthorizationCodeRedeemed("g-1", "c-1", "u-1",
                       tokens("t-1").issued(List.of("read", "write"), List.of(API), T0.plusSeconds(5)), REFRESH_EXPIRY, null,
                       CLIENT));
        fixture.given(codeIssued(CHALLENGE, List.of(API)))
               .when(new RedeemAuthorizationCode("g-1", "c-1", "https://app.example/cb", CHALLENGE, CLIENT_SCOPES,
                       List.of(BILLING), tokens("t-1"), null, REFRESH_EXPIRY, false, T0.plusSeconds(5), CLIENT))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.INVALID_TARGET))
               .expectNoEvents();
    }

    @Test
    void aRefreshMayNarrowTheAudienceButNeverWidenIt_RFC8707Section2_2() {
        AuthorizationCodeRedeemed narrowed = new AuthorizationCodeRedeemed("g-1", "c-1", "u-1",
                tokens("t-1").issued(List.of("read", "write"), List.of(API), T0.plusSeconds(5)), REFRESH_EXPIRY, null,
                CLIENT);
        fixture.given(codeIssued(CHALLENGE, List.of(API, BILLING)), narrowed)
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of(), CLIENT_SCOPES, List.of(), tokens("t-2"), null, false,
                       T0.plusSeconds(100), CLIENT))
               .expectEvents(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-1", tokens("t-2").issued(
                       List.of("read", "write"), List.of(API, BILLING), T0.plusSeconds(100)), null, REFRESH_EXPIRY, null,
                       CLIENT));
        fixture.given(codeIssued(CHALLENGE, List.of(API)), redeemed())
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of(), CLIENT_SCOPES, List.of(API, BILLING),
                       tokens("t-2"), null, false, T0.plusSeconds(100), CLIENT))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.INVALID_TARGET))
               .expectNoEvents();
    }

    @Test
    void anotherClientCannotUseTheRefreshToken() {
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(new RefreshGrant("g-1", "c-2", "t-1", List.of(), CLIENT_SCOPES, List.of(), tokens("t-2"), null, false,
                       T0.plusSeconds(100), Actor.client("c-2")))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.WRONG_CLIENT))
               .expectNoEvents();
        assertThat(RefreshOutcome.refused(RefreshOutcome.Result.WRONG_CLIENT).scopes()).isEmpty();
    }

    /** RFC 9449 §10: a code issued for dpop_jkt is redeemed only with a proof of that key, and stays unused until. */
    @Test
    void aCodeBoundToADPoPKeyIsRedeemedOnlyWithItsKey_RFC9449Section10() {
        AuthorizationCodeIssued bound = new AuthorizationCodeIssued("g-1", "c-1", "u-1", hash('c'),
                "https://app.example/cb", List.of("read", "write"), null, CHALLENGE, "S256", T0, T0.plusSeconds(60),
                null, null, JKT, USER);
        fixture.given(bound)
               .when(redeemWith(new NewTokens("t-1", hash('a'), hash('b'), T0.plus(Duration.ofHours(2)), null,
                       "B".repeat(43)), false))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.DPOP_KEY_MISMATCH))
               .expectNoEvents();
        fixture.given(bound)
               .when(redeemWith(tokens("t-1"), false))
               .expectResultMessagePayload(RedemptionOutcome.refused(RedemptionOutcome.Result.DPOP_KEY_MISMATCH))
               .expectNoEvents();
    }

    /** RFC 9449 §5: a grant whose refresh tokens are bound refreshes only with a proof of the same key. */
    @Test
    void aBoundGrantRefreshesOnlyWithAProofOfItsKey_RFC9449Section5() {
        NewTokens dpop = new NewTokens("t-1", hash('a'), hash('b'), T0.plus(Duration.ofHours(2)), null, JKT);
        AuthorizationCodeRedeemed boundRedemption = new AuthorizationCodeRedeemed("g-1", "c-1", "u-1",
                dpop.issued(List.of("read", "write"), List.of(), T0.plusSeconds(5)), REFRESH_EXPIRY, JKT, CLIENT);
        fixture.given(codeIssued(CHALLENGE))
               .when(redeemWith(dpop, true))
               .expectEvents(boundRedemption);
        fixture.given(codeIssued(CHALLENGE), boundRedemption)
               .when(refresh("t-1", "t-2", List.of(), T0.plusSeconds(10)))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.DPOP_KEY_MISMATCH))
               .expectNoEvents();
        fixture.given(codeIssued(CHALLENGE), boundRedemption)
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of(), CLIENT_SCOPES, List.of(),
                       new NewTokens("t-2", hash('d'), hash('e'), T0.plus(Duration.ofHours(2)), null, JKT), null, false,
                       T0.plusSeconds(10), CLIENT))
               .expectSuccessfulHandlerExecution();
    }

    /** RFC 9449 §5: a public client's grant redeemed without DPoP is bound by its first refresh with a proof. */
    @Test
    void aPublicClientsFirstRefreshWithAProofBindsTheGrant_RFC9449Section5() {
        NewTokens bound = new NewTokens("t-2", hash('d'), hash('e'), T0.plus(Duration.ofHours(2)), null, JKT);
        RefreshTokenRotated binding = new RefreshTokenRotated("g-1", "c-1", "u-1", "t-1",
                bound.issued(List.of("read", "write"), List.of(), T0.plusSeconds(10)), null, REFRESH_EXPIRY, JKT,
                CLIENT);
        fixture.given(codeIssued(CHALLENGE), redeemed())
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of(), CLIENT_SCOPES, List.of(), bound, null, true,
                       T0.plusSeconds(10), CLIENT))
               .expectEvents(binding);
        fixture.given(codeIssued(CHALLENGE), redeemed(), binding)
               .when(new RefreshGrant("g-1", "c-1", "t-2", List.of(), CLIENT_SCOPES, List.of(), tokens("t-3"), null,
                       true, T0.plusSeconds(20), CLIENT))
               .expectResultMessagePayload(RefreshOutcome.refused(RefreshOutcome.Result.DPOP_KEY_MISMATCH))
               .expectNoEvents();
    }

    private static RedeemAuthorizationCode redeemWith(NewTokens tokens, boolean bindRefresh) {
        return new RedeemAuthorizationCode("g-1", "c-1", "https://app.example/cb", CHALLENGE, CLIENT_SCOPES,
                List.of(), tokens, null, REFRESH_EXPIRY, bindRefresh, T0.plusSeconds(5), CLIENT);
    }

    private static AuthorizationCodeIssued codeIssued(String challenge) {
        return codeIssued(challenge, null);
    }

    private static AuthorizationCodeIssued codeIssued(String challenge, List<String> resources) {
        return new AuthorizationCodeIssued("g-1", "c-1", "u-1", hash('c'), "https://app.example/cb",
                List.of("read", "write"), resources, challenge, challenge == null ? null : "S256", T0,
                T0.plusSeconds(60), null, null, null, USER);
    }

    private static AuthorizationCodeRedeemed redeemed() {
        return new AuthorizationCodeRedeemed("g-1", "c-1", "u-1", token("t-1", List.of("read", "write"),
                T0.plusSeconds(5)), REFRESH_EXPIRY, null, CLIENT);
    }

    private static RefreshTokenRotated rotated(String from, String to, String superseded, Instant at) {
        return new RefreshTokenRotated("g-1", "c-1", "u-1", from, token(to, List.of("read", "write"), at), superseded,
                REFRESH_EXPIRY, null, CLIENT);
    }

    private static GrantToken token(String tokenId, List<String> scopes, Instant at) {
        return tokens(tokenId).issued(scopes, List.of(), at);
    }

    private static RedeemAuthorizationCode redeem(String clientId, String redirectUri, String verifierChallenge,
                                                  Instant at) {
        return new RedeemAuthorizationCode("g-1", clientId, redirectUri, verifierChallenge, CLIENT_SCOPES, List.of(),
                tokens("t-1"), null, REFRESH_EXPIRY, false, at, Actor.client(clientId));
    }

    private static RefreshGrant refresh(String presented, String next, List<String> scopes, Instant at) {
        return new RefreshGrant("g-1", "c-1", presented, scopes, CLIENT_SCOPES, List.of(), tokens(next), null, false, at,
                CLIENT);
    }

    private static NewTokens tokens(String tokenId) {
        return new NewTokens(tokenId, hash('a'), hash('b'), T0.plus(Duration.ofHours(2)), null, null);
    }

    /** A well-formed hash whose hex digits are all {@code c} (a to f). */
    private static String hash(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }
}
