package io.tokenledger.events;

import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.client.RegistrationAccessTokenIssued;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.events.consent.ConsentGranted;
import io.tokenledger.events.consent.ConsentRevoked;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.AuthorizationCodeReplayed;
import io.tokenledger.events.grant.DeviceAuthorizationApproved;
import io.tokenledger.events.grant.DeviceAuthorizationDenied;
import io.tokenledger.events.grant.DeviceAuthorizationExpired;
import io.tokenledger.events.grant.DeviceAuthorizationRequested;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.GrantNarrowed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.IdTokenIssued;
import io.tokenledger.events.grant.RefreshTokenReused;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.key.SigningKeyActivated;
import io.tokenledger.events.key.SigningKeyGenerated;
import io.tokenledger.events.key.SigningKeyRetired;
import io.tokenledger.events.logout.BackchannelLogoutDelivered;
import io.tokenledger.events.logout.BackchannelLogoutFailed;
import io.tokenledger.events.logout.BackchannelLogoutRequested;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.par.PushedAuthorizationRequestUsed;
import io.tokenledger.events.privacy.PersonalDataEncrypted;
import io.tokenledger.events.projection.ProjectionRebuildRequested;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.session.SessionEnded;
import io.tokenledger.events.session.SessionStarted;
import io.tokenledger.events.token.ExchangedFrom;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserPasswordReset;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRole;
import io.tokenledger.events.user.UserRolesChanged;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released events are never edited: the JSON the ledger stores for each revision is pinned here, through the
 * serializer the ledger really uses ({@link PublishedLanguage}). A change that breaks a line below needs a new revision
 * and an upcaster. Null fields are left out of the JSON; events stored with their null fields written out read the
 * same.
 */
class PublishedLanguageTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final GrantToken GRANT_TOKEN = new GrantToken("t-1", List.of("read"), null, "sha256:a", "sha256:r",
            T, T.plusSeconds(3600), null, null);
    /** Revision 2 gave these an optional field (RFC 8707); without it they write revision 1's JSON. */
    private static final Map<Class<?>, String> REVISED = Map.of(TokenIssued.class, "5",
            AuthorizationCodeIssued.class, "4", AuthorizationCodeRedeemed.class, "4", RefreshTokenRotated.class, "5",
            ClientRegistered.class, "9", ClientUpdated.class, "9", TokenRevoked.class, "3", GrantRevoked.class, "3");
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String GRANT_TOKEN_JSON = """
            {"tokenId":"t-1","scopes":["read"],"accessTokenHash":"sha256:a","refreshTokenHash":"sha256:r",\
            "issuedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T11:00:00Z"}""";

    private final Serializer events = PublishedLanguage.serializer();

    static Stream<Arguments> revisions() {
        return Stream.of(
                Arguments.of(new TokenIssued("t-1", "c-1", null, "client_credentials", "Bearer", List.of("read"),
                        null, "sha256:ab", null, T, T.plusSeconds(3600), null, null, null, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","grantType":"client_credentials",\
                        "tokenType":"Bearer","scopes":["read"],"accessTokenHash":"sha256:ab",\
                        "issuedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T11:00:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new TokenRevoked("t-1", "c-1", RevocationReason.REVOKED_BY_CLIENT, T, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","reason":"REVOKED_BY_CLIENT",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new ClientRegistered("c-1", "Billing", "sha256:cd", List.of(), List.of("client_credentials"),
                        List.of("read"), "client_secret_basic", null, null, null, null, null, null, null, null, null, T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Billing","secretHash":"sha256:cd","redirectUris":[],\
                        "grantTypes":["client_credentials"],"scopes":["read"],\
                        "tokenEndpointAuthMethod":"client_secret_basic","registeredAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new ClientUpdated("c-1", "B", List.of("https://a.example/cb"), List.of("authorization_code"),
                        List.of(), "none", null, null, null, null, null, null, null, null, null, T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"B","redirectUris":["https://a.example/cb"],\
                        "grantTypes":["authorization_code"],"scopes":[],"tokenEndpointAuthMethod":"none",\
                        "updatedAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new ClientSecretRotated("c-1", "sha256:ef", T, Actor.admin("a")), """
                        {"clientId":"c-1","secretHash":"sha256:ef","rotatedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new RegistrationAccessTokenIssued("c-1", "sha256:ab", T, Actor.admin("a")), """
                        {"clientId":"c-1","tokenHash":"sha256:ab","issuedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new ClientRetired("c-1", T, Actor.admin("a")), """
                        {"clientId":"c-1","retiredAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new UserRegistered("u-1", "ada", "ada@example.com", "bcrypt:$2a$10$x", T, Actor.admin("a")), """
                        {"userId":"u-1","username":"ada","email":"ada@example.com","passwordHash":"bcrypt:$2a$10$x",\
                        "registeredAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new SigningKeyGenerated("k-1", "ES256", new TreeMap<>(Map.of("kty", "EC", "kid", "k-1",
                        "alg", "ES256", "crv", "P-256", "x", "xx", "y", "yy")), T, Actor.system("signing-keys")), """
                        {"kid":"k-1","algorithm":"ES256","publicJwk":{"alg":"ES256","crv":"P-256","kid":"k-1",\
                        "kty":"EC","x":"xx","y":"yy"},"generatedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"system","id":"signing-keys"}}"""),
                Arguments.of(new SigningKeyActivated("k-1", T, Actor.system("signing-keys")), """
                        {"kid":"k-1","activatedAt":"2026-11-25T10:00:00Z","actor":{"kind":"system","id":"signing-keys"}}"""),
                Arguments.of(new SigningKeyRetired("k-1", T, Actor.operator("alice")), """
                        {"kid":"k-1","retiredAt":"2026-11-25T10:00:00Z","actor":{"kind":"operator","id":"alice"}}"""),
                Arguments.of(new ConsentGranted("u-1/c-1", "u-1", "c-1", List.of("openid", "read"), List.of("read"),
                        "s-1", T, Actor.user("u-1")), """
                        {"consentId":"u-1/c-1","userId":"u-1","clientId":"c-1","scopes":["openid","read"],\
                        "added":["read"],"sessionId":"s-1","grantedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new ConsentRevoked("u-1/c-1", "u-1", "c-1", List.of("openid", "read"), T,
                        Actor.admin("ops")), """
                        {"consentId":"u-1/c-1","userId":"u-1","clientId":"c-1","withdrawn":["openid","read"],\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"ops"}}"""),
                Arguments.of(new AuthorizationRequestPushed("sha256:p", "c-1", new TreeMap<>(Map.of(
                        "client_id", List.of("c-1"), "resource", List.of("https://a.example", "https://b.example"))),
                        T, T.plusSeconds(60), Actor.client("c-1")), """
                        {"requestId":"sha256:p","clientId":"c-1","parameters":{"client_id":["c-1"],\
                        "resource":["https://a.example","https://b.example"]},"pushedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new PushedAuthorizationRequestUsed("sha256:p", "c-1", "g-1", T, Actor.user("u-1")), """
                        {"requestId":"sha256:p","clientId":"c-1","grantId":"g-1","usedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new BackchannelLogoutRequested("l-1", "s-1", "u-1", "c-1", "https://rp.example/bcl",
                        "https://ledger.example", T, Actor.user("u-1")), """
                        {"logoutId":"l-1","sessionId":"s-1","userId":"u-1","clientId":"c-1",\
                        "uri":"https://rp.example/bcl","issuer":"https://ledger.example",\
                        "requestedAt":"2026-11-25T10:00:00Z","actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new BackchannelLogoutFailed("l-1", "c-1", 1, "k-1", null, "timed out", T,
                        T.plusSeconds(10), Actor.system("backchannel-logout")), """
                        {"logoutId":"l-1","clientId":"c-1","attempt":1,"keyId":"k-1","error":"timed out",\
                        "attemptedAt":"2026-11-25T10:00:00Z","retryAt":"2026-11-25T10:00:10Z",\
                        "actor":{"kind":"system","id":"backchannel-logout"}}"""),
                Arguments.of(new BackchannelLogoutDelivered("l-1", "c-1", 2, "k-1", 200, T,
                        Actor.system("backchannel-logout")), """
                        {"logoutId":"l-1","clientId":"c-1","attempt":2,"keyId":"k-1","status":200,\
                        "attemptedAt":"2026-11-25T10:00:00Z","actor":{"kind":"system","id":"backchannel-logout"}}"""),
                Arguments.of(new UserDisabled("u-1", T, Actor.operator("alice")), """
                        {"userId":"u-1","disabledAt":"2026-11-25T10:00:00Z","actor":{"kind":"operator","id":"alice"}}"""),
                Arguments.of(new SessionStarted("s-1", "u-1", "sha256:c", List.of("pwd"), T, T.plusSeconds(60),
                        Actor.user("u-1")), """
                        {"sessionId":"s-1","userId":"u-1","cookieHash":"sha256:c","methods":["pwd"],\
                        "startedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T10:01:00Z",\
                        "actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new SessionEnded("s-1", "u-1", SessionEndReason.IDLE_TIMEOUT, T,
                        Actor.system("sessions")), """
                        {"sessionId":"s-1","userId":"u-1","reason":"IDLE_TIMEOUT","endedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"system","id":"sessions"}}"""),
                Arguments.of(new PersonalDataEncrypted("l-1", T, Actor.operator("ops"), List.of(
                        new PersonalDataEncrypted.RowRewritten(7, "0a", "0b", "0c")), "k-1", "c2ln"), """
                        {"ledgerId":"l-1","encryptedAt":"2026-11-25T10:00:00Z","actor":{"kind":"operator","id":"ops"},\
                        "rows":[{"position":7,"sealBefore":"0a","contentBefore":"0b","contentAfter":"0c"}],\
                        "signingKey":"k-1","signature":"c2ln"}"""),
                Arguments.of(new ProjectionRebuildRequested("tokens", T, Actor.user("u-2")), """
                        {"projection":"tokens","requestedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"user","id":"u-2"}}"""),
                Arguments.of(new UserPasswordReset("u-1", "bcrypt:h", T, Actor.user("u-2")), """
                        {"userId":"u-1","passwordHash":"bcrypt:h","resetAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"user","id":"u-2"}}"""),
                Arguments.of(new UserRolesChanged("u-1", List.of(UserRole.ADMIN, UserRole.AUDITOR), T,
                        Actor.user("u-2")), """
                        {"userId":"u-1","roles":["AUDITOR","ADMIN"],"changedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"user","id":"u-2"}}"""),
                Arguments.of(new UserProfileUpdated("u-1", "Ada Lovelace", true, T, Actor.admin("ops")), """
                        {"userId":"u-1","name":"Ada Lovelace","emailVerified":true,\
                        "updatedAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"ops"}}"""),
                Arguments.of(new AuthorizationCodeIssued("g-1", "c-1", "u-1", "sha256:c", "https://a.example/cb",
                        List.of("read"), null, "ch", "S256", T, T.plusSeconds(60), null, null, null, Actor.user("u-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","codeHash":"sha256:c",\
                        "redirectUri":"https://a.example/cb","scopes":["read"],"codeChallenge":"ch",\
                        "codeChallengeMethod":"S256","issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new AuthorizationCodeRedeemed("g-1", "c-1", "u-1", GRANT_TOKEN, T.plusSeconds(60), null,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","token":%s,\
                        "refreshExpiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"client","id":"c-1"}}"""
                        .formatted(GRANT_TOKEN_JSON)),
                Arguments.of(new AuthorizationCodeReplayed("g-1", "c-1", T, Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","replayedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-0", GRANT_TOKEN, null, T.plusSeconds(60), null,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","fromTokenId":"t-0","token":%s,\
                        "refreshExpiresAt":"2026-11-25T10:01:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}""".formatted(GRANT_TOKEN_JSON)),
                Arguments.of(new RefreshTokenReused("g-1", "c-1", "t-0", T, Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","tokenId":"t-0","reusedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new GrantNarrowed("g-1", "c-1", List.of("read"), List.of("write"), T,
                        Actor.client("admin")), """
                        {"grantId":"g-1","clientId":"c-1","scopes":["read"],"withdrawn":["write"],\
                        "narrowedAt":"2026-11-25T10:00:00Z","actor":{"kind":"client","id":"admin"}}"""),
                Arguments.of(new GrantRevoked("g-1", "c-1", List.of("t-0", "t-1"), RevocationReason.REFRESH_REUSED, T,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","tokenIds":["t-0","t-1"],"reason":"REFRESH_REUSED",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"client","id":"c-1"}}"""),
                // RFC 8628: a device's request, its decision, its expiry and its redemption.
                Arguments.of(new DeviceAuthorizationRequested("g-1", "tv", "sha256:d", "hmac-sha256:u", List.of("read"), T,
                        T.plusSeconds(600), Actor.client("tv")), """
                        {"grantId":"g-1","clientId":"tv","deviceCodeHash":"sha256:d","userCodeHash":"hmac-sha256:u",\
                        "scopes":["read"],"requestedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T10:10:00Z",\
                        "actor":{"kind":"client","id":"tv"}}"""),
                Arguments.of(new DeviceAuthorizationApproved("g-1", "tv", "u-1",
                        new Authentication(T, List.of("pwd"), "s-1"), T, Actor.user("u-1")), """
                        {"grantId":"g-1","clientId":"tv","userId":"u-1","authentication":\
                        {"time":"2026-11-25T10:00:00Z","methods":["pwd"],"sessionId":"s-1"},\
                        "approvedAt":"2026-11-25T10:00:00Z","actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new DeviceAuthorizationDenied("g-1", "tv", "u-1", T, Actor.user("u-1")), """
                        {"grantId":"g-1","clientId":"tv","userId":"u-1","deniedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new DeviceAuthorizationExpired("g-1", "tv", T, Actor.client("tv")), """
                        {"grantId":"g-1","clientId":"tv","expiredAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"client","id":"tv"}}"""),
                Arguments.of(new DeviceCodeRedeemed("g-1", "tv", "u-1", GRANT_TOKEN, T.plusSeconds(60), null,
                        Actor.client("tv")), """
                        {"grantId":"g-1","clientId":"tv","userId":"u-1","token":%s,\
                        "refreshExpiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"client","id":"tv"}}"""
                        .formatted(GRANT_TOKEN_JSON)));
    }

    @ParameterizedTest
    @MethodSource("revisions")
    void revisionOneOfEachEventHasThisJson(Object event, String json) {
        SerializedObject<byte[]> serialized = events.serialize(event, byte[].class);

        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(serialized.getType().getRevision()).isEqualTo(REVISED.getOrDefault(event.getClass(), "1"));
        assertThat(revisionOne(json, event.getClass())).isEqualTo(event);
    }

    /** Revision 2: a token's audience and a grant's resources (RFC 8707). */
    static Stream<Arguments> revisionTwo() {
        GrantToken token = new GrantToken("t-1", List.of("read"), List.of("https://api.example/"), "sha256:a",
                "sha256:r", T, T.plusSeconds(3600), null, null);
        String tokenJson = GRANT_TOKEN_JSON.replace("\"scopes\":[\"read\"],",
                "\"scopes\":[\"read\"],\"audience\":[\"https://api.example/\"],");
        return Stream.of(
                Arguments.of(new TokenIssued("t-1", "c-1", null, "client_credentials", "Bearer", List.of("read"),
                        List.of("https://api.example/"), "sha256:ab", null, T, T.plusSeconds(3600), null, null,
                        null, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","grantType":"client_credentials",\
                        "tokenType":"Bearer","scopes":["read"],"audience":["https://api.example/"],\
                        "accessTokenHash":"sha256:ab","issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T11:00:00Z","actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new AuthorizationCodeIssued("g-1", "c-1", "u-1", "sha256:c", "https://a.example/cb",
                        List.of("read"), List.of("https://api.example/"), "ch", "S256", T, T.plusSeconds(60), null,
                        null, null, Actor.user("u-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","codeHash":"sha256:c",\
                        "redirectUri":"https://a.example/cb","scopes":["read"],"resources":["https://api.example/"],\
                        "codeChallenge":"ch","codeChallengeMethod":"S256","issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"user","id":"u-1"}}"""),
                Arguments.of(new AuthorizationCodeRedeemed("g-1", "c-1", "u-1", token, T.plusSeconds(60), null,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","token":%s,\
                        "refreshExpiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"client","id":"c-1"}}"""
                        .formatted(tokenJson)),
                Arguments.of(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-0", token, null, T.plusSeconds(60), null,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","fromTokenId":"t-0","token":%s,\
                        "refreshExpiresAt":"2026-11-25T10:01:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}""".formatted(tokenJson)));
    }

    @ParameterizedTest
    @MethodSource("revisionTwo")
    void revisionTwoCarriesTheAudience(Object event, String json) {
        SerializedObject<byte[]> serialized = events.serialize(event, byte[].class);

        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(serialized.getType().getRevision()).isEqualTo(REVISED.get(event.getClass()));
        assertThat((Object) events.deserialize(serialized)).isEqualTo(event);
    }

    /** A revocation: what the administrator wrote as its reason (revision 2), and whose token it was (3). */
    static Stream<Arguments> writtenReasons() {
        return Stream.of(
                Arguments.of(new GrantRevoked("g-1", "c-1", List.of("t-1"), RevocationReason.REVOKED_BY_ADMIN, T,
                        Actor.user("u-9"), "laptop stolen"), """
                        {"grantId":"g-1","clientId":"c-1","tokenIds":["t-1"],"reason":"REVOKED_BY_ADMIN",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"user","id":"u-9"},"note":"laptop stolen"}"""),
                Arguments.of(new TokenRevoked("t-1", "c-1", RevocationReason.REVOKED_BY_ADMIN, T, Actor.user("u-9"),
                        "laptop stolen"), """
                        {"tokenId":"t-1","clientId":"c-1","reason":"REVOKED_BY_ADMIN",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"user","id":"u-9"},"note":"laptop stolen"}"""),
                // Revision 3 (issue 25): the user whose key the note is encrypted under.
                Arguments.of(new TokenRevoked("t-1", "c-1", RevocationReason.REVOKED_BY_ADMIN, T, Actor.user("u-9"),
                        "laptop stolen", "u-1"), """
                        {"tokenId":"t-1","clientId":"c-1","reason":"REVOKED_BY_ADMIN",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"user","id":"u-9"},"note":"laptop stolen",\
                        "userId":"u-1"}"""),
                Arguments.of(new GrantRevoked("g-1", "c-1", List.of("t-1"), RevocationReason.REVOKED_BY_ADMIN, T,
                        Actor.user("u-9"), "laptop stolen", "u-1"), """
                        {"grantId":"g-1","clientId":"c-1","tokenIds":["t-1"],"reason":"REVOKED_BY_ADMIN",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"user","id":"u-9"},"note":"laptop stolen",\
                        "userId":"u-1"}"""));
    }

    @ParameterizedTest
    @MethodSource("writtenReasons")
    void aRevocationCarriesTheWrittenReasonAndWhoseItIs(Object event, String json) {
        SerializedObject<byte[]> serialized = events.serialize(event, byte[].class);

        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(serialized.getType().getRevision()).isEqualTo("3");
        assertThat((Object) events.deserialize(serialized)).isEqualTo(event);
    }

    /**
     * Revision 3 of a code: the OpenID Connect nonce and the sign-in its ID tokens state; the ID token itself; and
     * revision 3 of a client, which says whether it is first-party.
     */
    static Stream<Arguments> openIdConnect() {
        Authentication signIn = new Authentication(T, List.of("pwd"), "s-1");
        String signInJson = """
                "authentication":{"time":"2026-11-25T10:00:00Z","methods":["pwd"],"sessionId":"s-1"}""";
        return Stream.of(
                Arguments.of(new AuthorizationCodeIssued("g-1", "c-1", "u-1", "sha256:c", "https://a.example/cb",
                        List.of("openid"), null, "ch", "S256", T, T.plusSeconds(60), "n-0S6", signIn, null,
                        Actor.user("u-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","codeHash":"sha256:c",\
                        "redirectUri":"https://a.example/cb","scopes":["openid"],"codeChallenge":"ch",\
                        "codeChallengeMethod":"S256","issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T10:01:00Z","nonce":"n-0S6",%s,\
                        "actor":{"kind":"user","id":"u-1"}}""".formatted(signInJson)),
                Arguments.of(new IdTokenIssued("g-1", "c-1", "u-1", "i-1", "t-1", "k-1", "https://ledger.example",
                        "n-0S6", "77QmUPtjPfzWtF2AnpK9RQ", signIn, T, T.plusSeconds(600), Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","idTokenId":"i-1","tokenId":"t-1",\
                        "keyId":"k-1","issuer":"https://ledger.example","nonce":"n-0S6",\
                        "atHash":"77QmUPtjPfzWtF2AnpK9RQ",%s,"issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T10:10:00Z","actor":{"kind":"client","id":"c-1"}}"""
                        .formatted(signInJson)),
                Arguments.of(new ClientRegistered("c-1", "Shop", null, List.of("https://a.example/cb"),
                        List.of("authorization_code"), List.of("openid"), "none",
                        List.of("https://a.example/bye"), false, null, null, null, null, null, null, null, T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Shop","redirectUris":["https://a.example/cb"],\
                        "grantTypes":["authorization_code"],"scopes":["openid"],"tokenEndpointAuthMethod":"none",\
                        "postLogoutRedirectUris":["https://a.example/bye"],"firstParty":false,\
                        "registeredAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"a"}}"""),
                Arguments.of(new ClientUpdated("c-1", "Shop", List.of("https://a.example/cb"),
                        List.of("authorization_code"), List.of("openid"), "none", null, true, null, null, null, null, null, null, null, T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Shop","redirectUris":["https://a.example/cb"],\
                        "grantTypes":["authorization_code"],"scopes":["openid"],"tokenEndpointAuthMethod":"none",\
                        "firstParty":true,"updatedAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"a"}}"""),
                // Revision 3 of tokens and 4 of clients: RFC 9068 JWT access tokens, named by the key that signs them.
                Arguments.of(new TokenIssued("t-1", "c-1", null, "client_credentials", "Bearer", List.of("read"),
                        null, null, null, T, T.plusSeconds(3600), "k-1", null, null, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","grantType":"client_credentials","tokenType":"Bearer",\
                        "scopes":["read"],"issuedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T11:00:00Z",\
                        "keyId":"k-1","actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new AuthorizationCodeRedeemed("g-1", "c-1", "u-1", new GrantToken("t-1",
                        List.of("read"), null, null, "sha256:r", T, T.plusSeconds(3600), "k-1", null), T.plusSeconds(60), null,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","token":{"tokenId":"t-1",\
                        "scopes":["read"],"refreshTokenHash":"sha256:r","issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T11:00:00Z","keyId":"k-1"},\
                        "refreshExpiresAt":"2026-11-25T10:01:00Z","actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new ClientUpdated("c-1", "Svc", List.of(), List.of("client_credentials"),
                        List.of("read"), "client_secret_basic", null, true, "jwt", null, null, null, null, null, null, T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Svc","redirectUris":[],"grantTypes":["client_credentials"],\
                        "scopes":["read"],"tokenEndpointAuthMethod":"client_secret_basic","firstParty":true,\
                        "accessTokenFormat":"jwt","updatedAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"admin","id":"a"}}"""),
                // Revision 4 of tokens: RFC 9449 DPoP, the thumbprint of the key the token is bound to.
                Arguments.of(new TokenIssued("t-1", "c-1", null, "client_credentials", "DPoP", List.of("read"),
                        null, "sha256:a", null, T, T.plusSeconds(3600), null, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
                        null, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","grantType":"client_credentials","tokenType":"DPoP",\
                        "scopes":["read"],"accessTokenHash":"sha256:a","issuedAt":"2026-11-25T10:00:00Z",\
                        "expiresAt":"2026-11-25T11:00:00Z","jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",\
                        "actor":{"kind":"client","id":"c-1"}}"""),
                // Revision 6 of clients: RFC 7523 private_key_jwt, the keys by reference.
                Arguments.of(new ClientRegistered("c-1", "Svc", null, List.of(), List.of("client_credentials"),
                        List.of("read"), "private_key_jwt", null, false, null, null, "https://svc.example/jwks",
                        null, null, null, null, T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Svc","redirectUris":[],"grantTypes":["client_credentials"],\
                        "scopes":["read"],"tokenEndpointAuthMethod":"private_key_jwt","firstParty":false,\
                        "jwksUri":"https://svc.example/jwks","registeredAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"admin","id":"a"}}"""),
                // Revision 9 of clients: RFC 8693, the audiences a client may exchange a token for.
                Arguments.of(new ClientUpdated("c-1", "Gw", List.of(), List.of(TOKEN_EXCHANGE), List.of("read"),
                        "client_secret_basic", null, false, null, null, null, null, null, null,
                        new TokenExchangePolicy(List.of("https://orders.example"), true), T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Gw","redirectUris":[],\
                        "grantTypes":["urn:ietf:params:oauth:grant-type:token-exchange"],"scopes":["read"],\
                        "tokenEndpointAuthMethod":"client_secret_basic","firstParty":false,\
                        "tokenExchange":{"audiences":["https://orders.example"],"revokedWithSubject":true},\
                        "updatedAt":"2026-11-25T10:00:00Z","actor":{"kind":"admin","id":"a"}}"""),
                // Revision 5 of tokens: RFC 8693, the subject and actor tokens a token was exchanged for.
                Arguments.of(new TokenIssued("t-2", "c-1", "u-1", TOKEN_EXCHANGE, "Bearer", List.of("read"),
                        List.of("https://orders.example"), "sha256:b", null, T, T.plusSeconds(600), null, null,
                        new ExchangedFrom("t-1", "t-0", false), Actor.client("c-1")), """
                        {"tokenId":"t-2","clientId":"c-1","userId":"u-1",\
                        "grantType":"urn:ietf:params:oauth:grant-type:token-exchange","tokenType":"Bearer",\
                        "scopes":["read"],"audience":["https://orders.example"],"accessTokenHash":"sha256:b",\
                        "issuedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T10:10:00Z",\
                        "exchangedFrom":{"subjectTokenId":"t-1","actorTokenId":"t-0","revokedWithSubject":false},\
                        "actor":{"kind":"client","id":"c-1"}}"""));
    }

    @ParameterizedTest
    @MethodSource("openIdConnect")
    void openIdConnectEventsHaveThisJson(Object event, String json) {
        SerializedObject<byte[]> serialized = events.serialize(event, byte[].class);

        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(serialized.getType().getRevision()).isEqualTo(REVISED.getOrDefault(event.getClass(), "1"));
        assertThat((Object) events.deserialize(serialized)).isEqualTo(event);
    }

    /** Events with null fields, as the ledger stored them before it left those out. */
    static Stream<Arguments> storedWithNullFields() {
        return Stream.of(
                Arguments.of(new TokenIssued("t-1", "c-1", null, "client_credentials", "Bearer", List.of("read"),
                        null, "sha256:ab", null, T, T.plusSeconds(3600), null, null, null, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","userId":null,"grantType":"client_credentials",\
                        "tokenType":"Bearer","scopes":["read"],"accessTokenHash":"sha256:ab","refreshTokenHash":null,\
                        "issuedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T11:00:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new RefreshTokenRotated("g-1", "c-1", "u-1", "t-0", GRANT_TOKEN, null, T.plusSeconds(60), null,
                        Actor.client("c-1")), """
                        {"grantId":"g-1","clientId":"c-1","userId":"u-1","fromTokenId":"t-0","token":%s,\
                        "supersededTokenId":null,"refreshExpiresAt":"2026-11-25T10:01:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}""".formatted(GRANT_TOKEN_JSON)));
    }

    @ParameterizedTest
    @MethodSource("storedWithNullFields")
    void revisionOneAsStoredWithItsNullFieldsReadsTheSame(Object event, String stored) {
        assertThat(revisionOne(stored, event.getClass())).isEqualTo(event);
    }

    private Object revisionOne(String json, Class<?> type) {
        return events.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                new SimpleSerializedType(type.getName(), "1")));
    }
}
