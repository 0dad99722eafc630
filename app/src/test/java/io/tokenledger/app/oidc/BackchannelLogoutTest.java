package io.tokenledger.app.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import io.tokenledger.app.support.BackchannelEndpoint;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.OpenIdTestBase;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Back-Channel Logout 1.0: a client that registered a {@code backchannel_logout_uri} is sent a logout
 * token when a session it signed a user in through ends by logout, and every attempt is in the ledger. The client
 * here is a real HTTP server; Nimbus's {@link LogoutTokenValidator} checks what it receives.
 */
@TestPropertySource(properties = {"ledger.backchannel-logout-interval=PT0.2S",
        "ledger.backchannel-logout-retry-backoff=PT0.5S", "ledger.backchannel-logout-max-attempts=2"})
class BackchannelLogoutTest extends OpenIdTestBase {

    private final BackchannelEndpoint endpoint = new BackchannelEndpoint();

    @AfterAll
    void stopTheRelyingPartysEndpoint() {
        endpoint.close();
    }

    @Test
    void theDiscoveryDocumentSaysBackChannelLogoutIsSupported() {
        var metadata = relyingParty.discover();

        assertThat(metadata.supportsBackChannelLogout()).isTrue();
        assertThat(metadata.supportsBackChannelLogoutSession()).isTrue();
    }

    @Test
    void backChannelLogout_aLogoutSendsTheClientALogoutTokenForTheSessionAndTheLedgerRecordsIt() throws Exception {
        Signed signed = signInAndLogOut(List.of());

        String token = await(endpoint::nextToken);
        LogoutTokenClaimsSet claims = new LogoutTokenValidator(new Issuer(ledger.uri("").toString()),
                signed.client().getID(), JWSAlgorithm.RS256,
                JWKSet.load(ledger.uri("/oauth2/jwks").toURL())).validate(JWTParser.parse(token));

        assertThat(claims.getSessionID().getValue()).isEqualTo(signed.sid());
        assertThat(claims.getSubject().getValue()).isEqualTo(userId());
        assertThat(JWTParser.parse(token).getHeader().toJSONObject()).containsEntry("typ", "logout+jwt");
        assertThat(await(() -> "delivered".equals(status(signed.sid())) ? "yes" : null)).isEqualTo("yes");
        assertThat(types(signed.sid())).containsExactly("BackchannelLogoutRequested", "BackchannelLogoutDelivered");
    }

    /** An administrator who disables a user ends their sessions, and their clients are told. */
    @Test
    void disablingAUserTellsTheClientsOfTheirSessions() throws Exception {
        ledger.createUser(adminToken(), "hopper", PASSWORD);
        ClientInformation client = listening();
        JWT idToken = new RelyingParty(ledger, client, LedgerClient.basic(client))
                .signIn("hopper", PASSWORD, "openid", new Nonce()).getIDToken();
        String sid = idToken.getJWTClaimsSet().getStringClaim("sid");
        endpoint.answerNext(List.of());

        ledger.manage(adminToken(), "POST", "/admin/users/" + idToken.getJWTClaimsSet().getSubject() + "/disable",
                null);

        assertThat(await(() -> "delivered".equals(status(sid)) ? "yes" : null)).isEqualTo("yes");
        assertThat(LogoutTokenClaimsSet.parse(JWTParser.parse(await(endpoint::nextToken)).getJWTClaimsSet()
                .toString()).getSessionID().getValue()).isEqualTo(sid);
    }

    /** Someone who rewrites the table to have a delivered logout sent again gets it rebuilt from the ledger. */
    @Test
    void aRebuildRestoresTheDeliveriesFromTheLedger() throws Exception {
        Signed signed = signInAndLogOut(List.of());
        await(() -> "delivered".equals(status(signed.sid())) ? "yes" : null);
        jdbc.update("UPDATE backchannel_logouts SET status = 'pending', next_attempt_at = now() + interval '1 day' "
                + "WHERE session_id = ?::uuid", signed.sid());

        HttpResponse<String> started = ledger.manage(adminToken(), "POST", "/admin/projections/backchannel_logouts/rebuild",
                null);

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(await(() -> "delivered".equals(status(signed.sid())) ? "yes" : null)).isEqualTo("yes");
    }

    @Test
    void aFailedAttemptIsRecordedAndRetried() throws Exception {
        Signed signed = signInAndLogOut(List.of(503));

        assertThat(await(() -> "delivered".equals(status(signed.sid())) ? "yes" : null)).isEqualTo("yes");
        assertThat(types(signed.sid())).containsExactly("BackchannelLogoutRequested", "BackchannelLogoutFailed",
                "BackchannelLogoutDelivered");
        assertThat(jdbc.queryForObject("SELECT attempts FROM backchannel_logouts WHERE session_id = ?::uuid",
                Integer.class, signed.sid())).isEqualTo(2);
    }

    @Test
    void afterTheLastAttemptTheLogoutIsAbandonedAndSaysWhy() throws Exception {
        Signed signed = signInAndLogOut(List.of(500, 500));

        assertThat(await(() -> "abandoned".equals(status(signed.sid())) ? "yes" : null)).isEqualTo("yes");
        assertThat(types(signed.sid())).containsExactly("BackchannelLogoutRequested", "BackchannelLogoutFailed",
                "BackchannelLogoutFailed");
        assertThat(jdbc.queryForObject("SELECT last_status FROM backchannel_logouts WHERE session_id = ?::uuid",
                Integer.class, signed.sid())).isEqualTo(500);
    }

    @Test
    void aBackchannelLogoutUriIsARedirectUriInItsRules() {
        HttpResponse<String> refused = ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code"],"redirect_uris":["%s"],"scope":"openid",
                 "backchannel_logout_uri":"https://rp.example/logout#fragment"}""".formatted(
                CodeFlowClient.REDIRECT_URI));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_client_metadata");
    }

    /** A client signed in to that listens for logouts at the test's server. */
    private ClientInformation listening() {
        HttpResponse<String> registered = ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code"],"redirect_uris":["%s"],"scope":"openid","first_party":true,
                 "backchannel_logout_uri":"%s"}""".formatted(CodeFlowClient.REDIRECT_URI, endpoint.uri()));
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.body()).contains("\"backchannel_logout_uri\"");
        return LedgerClient.clientInformation(registered);
    }

    private record Signed(ClientInformation client, String sid) {
    }

    /** Signs the user in to the client in a browser, then logs out there with the ID token as hint. */
    private Signed signInAndLogOut(List<Integer> statuses) throws Exception {
        ClientInformation client = listening();
        RelyingParty party = new RelyingParty(ledger, client, LedgerClient.basic(client));
        JWT idToken = party.signIn(USER, PASSWORD, "openid", new Nonce()).getIDToken();
        endpoint.answerNext(statuses);
        new Browser().get(new LogoutRequest(ledger.uri("/oauth2/logout"), idToken).toURI());
        return new Signed(client, idToken.getJWTClaimsSet().getStringClaim("sid"));
    }

    private String status(String sid) {
        return jdbc.query("SELECT status FROM backchannel_logouts WHERE session_id = ?::uuid",
                (rs, row) -> rs.getString(1), sid).stream().findFirst().orElse(null);
    }

    private List<String> types(String sid) {
        return jdbc.queryForList("""
                SELECT substring(e.payload_type from '[^.]+$') FROM domain_event_entry e
                JOIN backchannel_logouts l ON e.aggregate_identifier = l.logout_id::text
                WHERE l.session_id = ?::uuid ORDER BY e.sequence_number""", String.class, sid);
    }

    private static <T> T await(Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T found = value.get();
        while (found == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            found = value.get();
        }
        assertThat(found).as("within 20 s").isNotNull();
        return found;
    }
}
