package io.tokenledger.app.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.OpenIdTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' view of OpenID Connect: which key signed an ID token, and a sign-in session and a consent at any
 * instant.
 */
class SignInLedgerTest extends OpenIdTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAuditorFindsWhichKeySignedAnIdTokenAndChecksItWithTheKeyTheLedgerKept() throws Exception {
        SignedJWT idToken = (SignedJWT) relyingParty.signIn(USER, PASSWORD, "openid", null).getIDToken();

        HttpResponse<String> answer = get("/ledger/id-tokens/" + idToken.getJWTClaimsSet().getJWTID());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode found = json.readTree(answer.body());
        assertThat(found.at("/issued/type").asText()).isEqualTo("io.tokenledger.events.grant.IdTokenIssued");
        assertThat(found.at("/issued/payload/keyId").asText()).isEqualTo(idToken.getHeader().getKeyID());
        assertThat(found.at("/issued/payload/atHash").asText())
                .isEqualTo(idToken.getJWTClaimsSet().getStringClaim("at_hash"));
        assertThat(found.at("/key/kid").asText()).isEqualTo(idToken.getHeader().getKeyID());
        JWK key = JWK.parse(found.at("/key/publicJwk").toString());
        assertThat(idToken.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
    }

    @Test
    void unknownOrMalformedIdsAreNotFoundAndTheViewNeedsTheAuditScope() {
        assertThat(get("/ledger/id-tokens/01890000-0000-7000-8000-000000000000").statusCode()).isEqualTo(404);
        assertThat(get("/ledger/id-tokens/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(get("/ledger/sessions/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(ledger.raw(HttpRequest.newBuilder(ledger.uri("/ledger/sessions/x")).GET()).statusCode())
                .isEqualTo(401);
    }

    /** A session as the ledger had it at any instant: open then, ended now, and the grant it started. */
    @Test
    void aSessionAtAnyInstantWithTheGrantsItStarted() throws Exception {
        SignedJWT idToken = (SignedJWT) relyingParty.signIn(USER, PASSWORD, "openid", null).getIDToken();
        String sid = idToken.getJWTClaimsSet().getStringClaim("sid");
        Instant whileOpen = Instant.now();
        Thread.sleep(20);
        new Browser().get(new LogoutRequest(ledger.uri("/oauth2/logout"), idToken).toURI());

        JsonNode then = json.readTree(get("/ledger/sessions/" + sid + "?asOf=" + whileOpen).body());
        JsonNode now = json.readTree(get("/ledger/sessions/" + sid).body());
        JsonNode before = json.readTree(get("/ledger/sessions/" + sid + "?asOf=2020-01-01T00:00:00Z").body());
        HttpResponse<String> history = get("/ledger/sessions/" + sid + "/history");

        assertThat(then.get("status").asText()).isEqualTo("open");
        assertThat(then.get("grants")).hasSize(1);
        assertThat(now.get("status").asText()).isEqualTo("ended");
        assertThat(now.get("end_reason").asText()).isEqualTo("LOGGED_OUT");
        assertThat(now.get("ended_by").asText()).isEqualTo("user:" + idToken.getJWTClaimsSet().getSubject());
        assertThat(before.get("status").asText()).isEqualTo("not_started");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(json.readTree(history.body()).get("items")).hasSize(2);
        assertThat(history.body()).doesNotContain("cookieHash");
    }

    /** What the user allowed the client before, while and after their consent stood, and by whom it ended. */
    @Test
    void aConsentAtAnyInstantAndItsHistory() throws Exception {
        relyingParty.signIn(USER, PASSWORD, "openid", null);
        String consent = "/ledger/users/" + userId() + "/consents/" + webApp.getID().getValue();
        Instant whileGranted = Instant.now();
        Thread.sleep(20);
        ledger.manage(adminToken(), "DELETE", "/admin/users/" + userId() + "/consents/" + webApp.getID().getValue(),
                null);

        JsonNode then = json.readTree(get(consent + "?asOf=" + whileGranted).body());
        JsonNode now = json.readTree(get(consent).body());
        JsonNode before = json.readTree(get(consent + "?asOf=2020-01-01T00:00:00Z").body());
        JsonNode history = json.readTree(get(consent + "/history").body());

        assertThat(then.get("status").asText()).isEqualTo("granted");
        assertThat(then.get("scopes").toString()).isEqualTo("[\"openid\"]");
        assertThat(then.get("changed_by").asText()).isEqualTo("user:" + userId());
        assertThat(now.get("status").asText()).isEqualTo("revoked");
        assertThat(now.get("scopes")).isEmpty();
        assertThat(now.get("changed_by").asText()).startsWith("admin:");
        assertThat(before.get("status").asText()).isEqualTo("not_granted");
        assertThat(history.get("items").findValuesAsText("type")).containsExactly(
                "io.tokenledger.events.consent.ConsentGranted", "io.tokenledger.events.consent.ConsentRevoked");
        assertThat(get("/ledger/users/" + userId() + "/consents/no-such-client").statusCode()).isEqualTo(404);
    }

    /** A user's history across streams: the sign-in, the consent, the code, the tokens, the ID token. */
    @Test
    void aUsersHistoryIsEveryEventThatNamesThem() throws Exception {
        relyingParty.signIn(USER, PASSWORD, "openid", null);
        awaitAuditLogCaughtUp();

        JsonNode history = json.readTree(get("/ledger/audit?limit=1000&user_id=" + userId()).body());

        assertThat(history.get("items").findValuesAsText("event_type")).contains("UserRegistered", "SessionStarted",
                "ConsentGranted", "AuthorizationCodeIssued", "AuthorizationCodeRedeemed", "IdTokenIssued");
        assertThat(history.get("items").findValuesAsText("user_id")).containsOnly(userId());
    }

    private HttpResponse<String> get(String path) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path)).header("Authorization", "Bearer " + adminToken())
                                     .GET());
    }
}
