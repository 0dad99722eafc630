package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Register → issue → introspect → revoke → introspect, through a real OAuth2 client library over HTTP. */
class ClientCredentialsFlowTest extends LedgerIntegrationTest {

    @Test
    void aTokenIsActiveOnceIssuedAndInactiveOnceRevoked_withNoWindow() {
        ClientInformation billing = ledger.register(adminToken(), "read write");
        ClientAuthentication auth = LedgerClient.basic(billing);

        String token = ledger.accessToken(auth, "read");
        TokenIntrospectionSuccessResponse active = ledger.introspect(auth, token);
        assertThat(active.isActive()).isTrue();
        assertThat(active.getClientID()).isEqualTo(billing.getID());
        assertThat(active.getScope().toStringList()).containsExactly("read");
        assertThat(active.getJWTID()).isNotNull();

        HTTPResponse revoked = ledger.revoke(auth, token);
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(ledger.introspect(auth, token).isActive()).isFalse();

        String tokenId = active.getJWTID().getValue();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM tokens WHERE token_id = ?::uuid", tokenId);
        assertThat(row.get("client_id")).isEqualTo(billing.getID().getValue());
        assertThat(row.get("scope")).isEqualTo("read");
        assertThat(row.get("revocation_reason")).isEqualTo("REVOKED_BY_CLIENT");
        assertThat(row.get("access_token")).isEqualTo(Secrets.sha256(token));
    }

    @Test
    void theEventsAreReadableJsonInTheEventTableAndTheAuditLogFollowsThem() {
        ClientInformation client = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(LedgerClient.basic(client), null);
        String tokenId = ledger.introspect(LedgerClient.basic(client), token).getJWTID().getValue();
        ledger.revoke(LedgerClient.basic(client), token);

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT payload_type, sequence_number, convert_from(payload, 'UTF8')::jsonb ->> 'grantType' AS grant_type
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", tokenId);
        assertThat(events).extracting(e -> e.get("payload_type")).containsExactly(
                "io.tokenledger.events.token.TokenIssued", "io.tokenledger.events.token.TokenRevoked");
        assertThat(events.get(0).get("grant_type")).isEqualTo("client_credentials");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT event_type FROM audit_log WHERE token_id = ?::uuid ORDER BY global_index", String.class, tokenId))
                .containsExactly("TokenIssued", "TokenRevoked"));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log a JOIN domain_event_entry e ON e.global_index = a.global_index
                WHERE a.event_id <> e.event_identifier""", Long.class)).isZero();
    }

    /** RFC 6749 §10.10 and RFC 9700 §4: opaque tokens of 256 random bits, so guessing one is hopeless. */
    @Test
    void accessTokensCarry256RandomBits() {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(ledger.accessToken(client, "read"));
        }

        assertThat(tokens).hasSize(20).allSatisfy(token -> {
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        });
    }

    @Test
    void clientSecretPostWorksForAClientRegisteredForIt() {
        var registration = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read","token_endpoint_auth_method":"client_secret_post"}""");
        assertThat(registration.statusCode()).isEqualTo(201);
        ClientInformation info = LedgerClient.clientInformation(registration);
        ClientSecretPost post = new ClientSecretPost(info.getID(), info.getSecret());

        String token = ledger.accessToken(post, "read");
        assertThat(ledger.introspect(post, token).isActive()).isTrue();
        assertThat(ledger.tokenResponse(LedgerClient.basic(info), "read").indicatesSuccess())
                .as("a client registered for client_secret_post may not switch to client_secret_basic").isFalse();
    }

    @Test
    void theTokenResponseIsNeverCached_RFC6749Section5_1() {
        ClientInformation client = ledger.register(adminToken(), "read");
        var response = ledger.form("/oauth2/token", "grant_type=client_credentials",
                "Authorization", LedgerClient.basicHeader(client));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(response.body()).contains("\"token_type\":\"Bearer\"").contains("\"expires_in\":3600");
    }
}
