package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.RelyingParty;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.projections.rebuild.RebuildProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each read table rebuilt from the events equals the one it replaces, and a tampered row is put right. */
class ProjectionRebuildTest extends CodeFlowTestBase {

    private final ObjectMapper json = new ObjectMapper();
    @Autowired
    private ProjectionRebuilder rebuilder;
    @Autowired
    private ProjectionCatalog catalog;
    private String admin;

    @BeforeAll
    void history() {
        admin = adminToken();
        var billing = ledger.register(admin, "read write");
        for (int i = 0; i < 20; i++) {
            String token = ledger.accessToken(LedgerClient.basic(billing), "read");
            if (i % 3 == 0) {
                ledger.revoke(LedgerClient.basic(billing), token);
            }
        }
        Tokens grant = tokens(new CodeVerifier());
        success(client.refresh(success(client.refresh(grant.getRefreshToken(), "read")).getRefreshToken(), null));
        ledger.createUser(admin, "grace", "another password");
        ClientInformation signIn = ledger.registerCodeClient(admin, "openid");
        new RelyingParty(ledger, signIn, LedgerClient.basic(signIn)).signIn(USER, PASSWORD, "openid", null);
        awaitAuditLogCaughtUp();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            clients             | client_id    | UPDATE clients SET client_name = 'tampered' WHERE client_id = 'test-admin'
            tokens              | token_id     | UPDATE tokens SET scope = 'admin' WHERE token_id = (SELECT token_id FROM tokens WHERE client_id <> 'test-admin' ORDER BY token_id LIMIT 1)
            authorization_codes | code         | DELETE FROM authorization_codes
            users               | user_id      | UPDATE users SET email = 'attacker@example.com' WHERE username = 'grace'
            sessions            | session_id   | UPDATE sessions SET expires_at = expires_at + interval '1 year'
            session_grants      | grant_id     | DELETE FROM session_grants
            signing_keys        | kid          | UPDATE signing_keys SET public_jwk = '{"kty":"oct","k":"forged"}'
            id_tokens           | id_token_id  | UPDATE id_tokens SET key_id = 'another key'
            consents            | consent_id   | UPDATE consents SET scope = 'openid ledger:admin'
            audit_log           | global_index | DELETE FROM audit_entry WHERE global_index = 3
            """)
    void aRebuiltTableEqualsTheOneItReplacesAndRepairsTampering(String table, String key, String tamper) throws Exception {
        // The previous case's rebuild request reaches the audit log asynchronously: not a row of this case's.
        awaitAuditLogCaughtUp();
        List<String> before = rows(table, key);
        jdbc.update(tamper);
        assertThat(rows(table, key)).isNotEqualTo(before);

        HttpResponse<String> started = send("POST", "/admin/projections/" + table + "/rebuild");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode done = awaitRebuilt(table);

        List<String> after = rows(table, key);
        if (table.equals("audit_log")) {
            // The rebuild's own request is an event of the ledger, so the log has its row too, after every other.
            assertThat(after).startsWith(before.toArray(String[]::new)).hasSize(before.size() + 1);
            assertThat(after.get(before.size())).contains("ProjectionRebuildRequested");
        } else {
            assertThat(after).isEqualTo(before);
        }
        assertThat(done.at("/rebuild/events_done").asLong()).isEqualTo(
                allEvents());
        long repaired = done.at("/rebuild/rows_changed").asLong() + done.at("/rebuild/rows_added").asLong();
        assertThat(repaired).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                + "'ledger_rebuild'", Long.class)).as("the shadow table is gone").isZero();
    }

    /** Another node (here, this test's own session) holds the claim on tokens: this node's rebuild must not start. */
    @Test
    void aRebuildRunningElsewhereIsNotJoinedNorDisturbed() {
        List<String> before = rows("tokens", "token_id");
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())).executeWithoutResult(tx -> {
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS ledger_rebuild");
            jdbc.execute("CREATE TABLE ledger_rebuild.tokens (marker int)");
            assertThat(jdbc.queryForObject("SELECT pg_try_advisory_lock(hashtext('ledger_rebuild.tokens'))",
                    Boolean.class)).isTrue();
            try {
                RebuildProgress refused = rebuilder.rebuild(catalog.named("tokens").orElseThrow());

                assertThat(refused.state()).isEqualTo("failed");
                assertThat(refused.error()).contains("running on another node");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                        + "'ledger_rebuild' AND table_name = 'tokens'", Long.class)).as("the other's shadow").isOne();
            } finally {
                jdbc.queryForObject("SELECT pg_advisory_unlock(hashtext('ledger_rebuild.tokens'))", Boolean.class);
                jdbc.execute("DROP TABLE ledger_rebuild.tokens");
            }
        });

        assertThat(rebuilder.rebuild(catalog.named("tokens").orElseThrow()).state()).isEqualTo("done");
        assertThat(rows("tokens", "token_id")).isEqualTo(before);
    }

    private JsonNode awaitRebuilt(String table) {
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode projection : json.readTree(send("GET", "/admin/projections").body())) {
                if (projection.get("name").asText().equals(table)) {
                    status[0] = projection;
                }
            }
            return "done".equals(status[0].at("/rebuild/state").asText());
        });
        return status[0];
    }

    /** Every row as JSON text, so arrays and timestamps compare by value. */
    private List<String> rows(String table, String key) {
        return jdbc.queryForList("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY " + key, String.class);
    }

    private HttpResponse<String> send(String method, String path) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path)).header("Authorization", "Bearer " + admin)
                                     .method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
