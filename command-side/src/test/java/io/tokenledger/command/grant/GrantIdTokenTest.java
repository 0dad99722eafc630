package io.tokenledger.command.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.IdTokenIssued;
import io.tokenledger.events.grant.NewIdToken;
import io.tokenledger.events.grant.NewTokens;
import io.tokenledger.events.grant.RedeemAuthorizationCode;
import io.tokenledger.events.grant.RedemptionOutcome;
import io.tokenledger.events.grant.RefreshGrant;
import io.tokenledger.events.grant.RefreshOutcome;
import io.tokenledger.events.grant.RefreshTokenRotated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ID tokens a grant issues (OpenID Connect Core §2, §3.1.3.6, §12.2): given/when/expect. */
class GrantIdTokenTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-11-25T09:58:00Z");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant REFRESH_EXPIRY = T0.plus(Duration.ofDays(30));
    private static final String ISSUER = "https://ledger.example";
    private static final Actor CLIENT = Actor.client("c-1");
    private static final Actor USER = Actor.user("u-1");
    private static final List<String> OPENID = List.of("openid", "profile");
    private static final Authentication SIGN_IN = new Authentication(SIGNED_IN, List.of("pwd"), "s-1");
    /** The access token "x": its SHA-256, as the ledger records it, and the at_hash Python's hashlib gives for it. */
    private static final String ACCESS_HASH = sha256("x");
    private static final String AT_HASH = "LXEWQrcmsEQBYnyp-6wy9Q";

    private AggregateTestFixture<GrantAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GrantAggregate.class);
        fixture.registerInjectableResource(new GrantPolicy(Duration.ofSeconds(10)));
    }

    @Test
    void redeemingAnOpenIdGrantIssuesAnIdTokenWithTheNonceAndTheSignIn_OIDCCore3_1_3_6() {
        IdTokenIssued expected = new IdTokenIssued("g-1", "c-1", "u-1", "i-1", "t-1", "k-1", ISSUER, "n-0S6", AT_HASH,
                SIGN_IN, T0.plusSeconds(5), T0.plusSeconds(605), CLIENT);

        fixture.given(codeIssued(OPENID, "n-0S6", SIGN_IN))
               .when(redeem(OPENID, idToken("i-1")))
               .expectEvents(redeemed(OPENID), expected)
               .expectResultMessagePayload(new RedemptionOutcome(RedemptionOutcome.Result.REDEEMED,
                       redeemed(OPENID).token(), expected));
    }

    /** Without openid the grant is plain OAuth 2.0: the ID token offered is not issued, nor recorded. */
    @Test
    void aGrantWithoutTheOpenidScopeIssuesNoIdToken_OIDCCore3_1_2_1() {
        fixture.given(codeIssued(List.of("profile"), "n-0S6", SIGN_IN))
               .when(redeem(List.of("profile"), idToken("i-1")))
               .expectEvents(redeemed(List.of("profile")))
               .expectResultMessagePayload(new RedemptionOutcome(RedemptionOutcome.Result.REDEEMED,
                       redeemed(List.of("profile")).token(), null));
    }

    /** The client lost openid since the user granted it: the grant narrows and the token comes without ID token. */
    @Test
    void aClientThatNoLongerHoldsOpenidGetsNoIdToken() {
        fixture.given(codeIssued(OPENID, null, SIGN_IN))
               .when(new RedeemAuthorizationCode("g-1", "c-1", "https://app.example/cb", null, List.of("profile"),
                       List.of(), tokens("t-1"), idToken("i-1"), REFRESH_EXPIRY, false, T0.plusSeconds(5), CLIENT))
               .expectResultMessagePayload(new RedemptionOutcome(RedemptionOutcome.Result.REDEEMED,
                       redeemed(List.of("profile")).token(), null));
    }

    /** §12.2: the refreshed ID token states the same sign-in, is issued now, and carries no nonce. */
    @Test
    void refreshingIssuesANewIdTokenForTheOriginalSignInWithoutTheNonce_OIDCCore12_2() {
        IdTokenIssued refreshed = new IdTokenIssued("g-1", "c-1", "u-1", "i-2", "t-2", "k-2", ISSUER, null, AT_HASH,
                SIGN_IN, T0.plusSeconds(100), T0.plusSeconds(700), CLIENT);

        fixture.given(codeIssued(OPENID, "n-0S6", SIGN_IN), redeemed(OPENID))
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of(), OPENID, List.of(), tokens("t-2"),
                       new NewIdToken("i-2", "k-2", ISSUER, T0.plusSeconds(700)), false, T0.plusSeconds(100), CLIENT))
               .expectEvents(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-1",
                       token("t-2", OPENID, T0.plusSeconds(100)), null, REFRESH_EXPIRY, null, CLIENT), refreshed)
               .expectResultMessagePayload(new RefreshOutcome(RefreshOutcome.Result.ROTATED,
                       token("t-2", OPENID, T0.plusSeconds(100)), refreshed));
    }

    /** A refresh that narrows the token below openid gets no ID token (§12.2 lets it be left out). */
    @Test
    void aRefreshNarrowedBelowOpenidIssuesNoIdToken() {
        fixture.given(codeIssued(OPENID, "n-0S6", SIGN_IN), redeemed(OPENID))
               .when(new RefreshGrant("g-1", "c-1", "t-1", List.of("profile"), OPENID, List.of(), tokens("t-2"),
                       idToken("i-2"), false, T0.plusSeconds(100), CLIENT))
               .expectResultMessagePayload(new RefreshOutcome(RefreshOutcome.Result.ROTATED,
                       token("t-2", List.of("profile"), T0.plusSeconds(100)), null));
    }

    /** A code recorded before revision 3 came from the sign-in form, at the moment it was issued. */
    @Test
    void aCodeRecordedBeforeSignInsWereRecordedStatesThePasswordFormAtItsIssue() {
        fixture.given(codeIssued(OPENID, null, null))
               .when(redeem(OPENID, idToken("i-1")))
               .expectEvents(redeemed(OPENID), new IdTokenIssued("g-1", "c-1", "u-1", "i-1", "t-1", "k-1", ISSUER,
                       null, AT_HASH, new Authentication(T0, List.of("pwd"), null), T0.plusSeconds(5),
                       T0.plusSeconds(605), CLIENT));
    }

    @Test
    void atHashIsTheLeftHalfOfTheAccessTokensSha256_OIDCCore3_1_3_6() {
        assertThat(AtHash.of(ACCESS_HASH)).isEqualTo(AT_HASH);
    }

    private static AuthorizationCodeIssued codeIssued(List<String> scopes, String nonce, Authentication signIn) {
        return new AuthorizationCodeIssued("g-1", "c-1", "u-1", sha256("code"), "https://app.example/cb", scopes,
                null, null, null, T0, T0.plusSeconds(60), nonce, signIn, null, USER);
    }

    private static RedeemAuthorizationCode redeem(List<String> clientScopes, NewIdToken idToken) {
        return new RedeemAuthorizationCode("g-1", "c-1", "https://app.example/cb", null, clientScopes, List.of(),
                tokens("t-1"), idToken, REFRESH_EXPIRY, false, T0.plusSeconds(5), CLIENT);
    }

    private static AuthorizationCodeRedeemed redeemed(List<String> scopes) {
        return new AuthorizationCodeRedeemed("g-1", "c-1", "u-1", token("t-1", scopes, T0.plusSeconds(5)),
                REFRESH_EXPIRY, null, CLIENT);
    }

    private static NewIdToken idToken(String id) {
        return new NewIdToken(id, "k-1", ISSUER, T0.plusSeconds(605));
    }

    private static GrantToken token(String tokenId, List<String> scopes, Instant at) {
        return tokens(tokenId).issued(scopes, List.of(), at);
    }

    private static NewTokens tokens(String tokenId) {
        return new NewTokens(tokenId, ACCESS_HASH, sha256("refresh"), T0.plus(Duration.ofHours(2)), null, null);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
