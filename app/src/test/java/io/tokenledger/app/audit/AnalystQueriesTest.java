package io.tokenledger.app.audit;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.registration.BootstrapConsoleClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.migrations.SeedQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed document's example queries, verbatim, give the right numbers on a ledger built through the API; the
 * views answer the common questions; the analysts' role reads read tables and nothing else.
 */
@TestPropertySource(properties = "ledger.access-token-ttl=PT4S")
class AnalystQueriesTest extends CodeFlowTestBase {

    private ClientInformation billing;

    /** Known ledger: admin token, a code-flow token, t1 (revoked), t2; then after they expire, t3 and t4 (revoked). */
    @BeforeAll
    void knownLedger() throws InterruptedException {
        billing = ledger.register(adminToken(), "read");
        tokens(new CodeVerifier());
        var auth = LedgerClient.basic(billing);
        String t1 = ledger.accessToken(auth, "read");
        ledger.accessToken(auth, "read");
        ledger.revoke(auth, t1);
        Thread.sleep(4_100);
        ledger.accessToken(auth, "read");
        ledger.revoke(auth, ledger.accessToken(auth, "read"));
        // The counting views read the audit log, which follows the ledger asynchronously.
        awaitAuditLogCaughtUp();
    }

    @Test
    void tokenStatistics() {
        long adminTokens = jdbc.queryForObject("SELECT count(*) FROM tokens WHERE client_id = ?", Long.class, ADMIN_ID);
        Map<String, Object> row = jdbc.queryForMap(SeedQueries.sql(SeedQueries.TOKEN_STATISTICS));
        assertThat(row.get("token_type")).isEqualTo("Bearer");
        assertThat(((Number) row.get("total")).longValue()).isEqualTo(adminTokens + 5);
        assertThat(((Number) row.get("active")).longValue()).isEqualTo(1);
        assertThat(((Number) row.get("revoked")).longValue()).isEqualTo(2);
        assertThat(((Number) row.get("expired")).longValue()).isEqualTo(adminTokens + 3);
    }

    @Test
    void activeClientsAndActiveTokens() {
        List<Map<String, Object>> clients = jdbc.queryForList(SeedQueries.sql(SeedQueries.CHECK_ACTIVE_CLIENTS));
        assertThat(clients).extracting(c -> c.get("client_id"))
                           .containsExactly(billing.getID().getValue(), webApp.getID().getValue(),
                                   BootstrapConsoleClient.CLIENT_ID, ADMIN_ID);
        List<Map<String, Object>> tokens = jdbc.queryForList(SeedQueries.sql(SeedQueries.CHECK_ACTIVE_TOKENS));
        assertThat(tokens.get(0).get("is_active")).isEqualTo(true);
        assertThat(tokens).filteredOn(t -> Boolean.TRUE.equals(t.get("is_active"))).hasSize(1);
    }

    @Test
    void recentAuthorizationCodesAndUserRegistrations() {
        List<Map<String, Object>> codes = jdbc.queryForList(SeedQueries.sql(SeedQueries.RECENT_AUTHORIZATION_CODES));
        assertThat(codes).hasSize(1);
        assertThat(codes.get(0).get("used_at")).isNotNull();
        assertThat((String) codes.get(0).get("code")).startsWith("sha256:");
        List<Map<String, Object>> registrations = jdbc.queryForList(SeedQueries.sql(SeedQueries.USER_REGISTRATION_STATS));
        assertThat(registrations).hasSize(1);
        assertThat(((Number) registrations.get(0).get("registrations")).longValue()).isEqualTo(1);
        assertThat(((Number) registrations.get(0).get("providers_used")).longValue()).isEqualTo(1);
    }

    @Test
    void theViewsAnswerTheCommonQuestions() {
        assertThat(jdbc.queryForObject("SELECT sum(issued) FROM tokens_per_client_per_day WHERE client_id = ?",
                Long.class, billing.getID().getValue())).isEqualTo(4L);
        assertThat(jdbc.queryForObject("SELECT sum(revoked) FROM revocations_by_reason WHERE reason = 'REVOKED_BY_CLIENT'",
                Long.class)).isEqualTo(2L);
        assertThat(jdbc.queryForList("SELECT client_id FROM active_tokens", String.class))
                .containsExactly(billing.getID().getValue());
    }

    /** The seed's five queries, as the analysts' role: they name their columns, so column grants leave them whole. */
    @Test
    void theSeedQueriesRunAsTheAnalystRole() {
        for (String query : List.of(SeedQueries.CHECK_ACTIVE_CLIENTS, SeedQueries.CHECK_ACTIVE_TOKENS,
                SeedQueries.TOKEN_STATISTICS, SeedQueries.RECENT_AUTHORIZATION_CODES,
                SeedQueries.USER_REGISTRATION_STATS)) {
            asAnalyst(() -> assertThat(jdbc.queryForList(SeedQueries.sql(query))).as(query).isNotEmpty());
        }
    }

    /** OWASP ASVS 8.3.4 (sensitive data identified and protected): no secret's hash, no email, for analysts. */
    @Test
    void theAnalystRoleIsDeniedSecretColumns_ASVS8_3_4() {
        for (String column : List.of("clients.client_secret", "clients.registration_token_hash",
                "users.password_hash", "users.email")) {
            String[] tableAndColumn = column.split("\\.");
            assertThatThrownBy(() -> asAnalyst(() -> jdbc.queryForList(
                    "SELECT " + tableAndColumn[1] + " FROM " + tableAndColumn[0])))
                    .as(column).hasStackTraceContaining("permission denied");
        }
        assertThatThrownBy(() -> asAnalyst(() -> jdbc.queryForList("SELECT * FROM users")))
                .hasStackTraceContaining("permission denied");
        asAnalyst(() -> assertThat(jdbc.queryForList("SELECT username, created_at FROM users")).hasSize(1));
    }

    /** A day is a UTC day, whatever the session's time zone: one session's count is every session's. */
    @Test
    void dayBucketsAreUtcDaysInEverySessionsTimeZone() {
        String utcDays = "SELECT string_agg(day::text || ':' || issued, ',' ORDER BY day) FROM "
                + "(SELECT day, sum(issued) AS issued FROM tokens_per_client_per_day GROUP BY day) d";
        String today = jdbc.queryForObject("SELECT (now() AT TIME ZONE 'UTC')::date::text", String.class);
        for (String zone : List.of("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")) {
            asAnalyst(() -> {
                jdbc.execute("SET LOCAL TIME ZONE '" + zone + "'");
                assertThat(jdbc.queryForObject(utcDays, String.class)).as(zone).startsWith(today + ":");
                assertThat(jdbc.queryForList("SELECT DISTINCT day::text FROM revocations_by_reason", String.class))
                        .as(zone).containsExactly(today);
            });
        }
    }

    /** The web app retired for the length of one transaction, which rolls back: the other tests see it live. */
    @Test
    void activeClientsLeaveRetiredOnesOutAndTokenStatisticsGroupByGrantAndClient() {
        String web = webApp.getID().getValue();
        String service = billing.getID().getValue();
        asAnalyst(() -> jdbc.update("UPDATE clients SET retired_at = now() WHERE client_id = ?", web), () -> {
            assertThat(jdbc.queryForList("SELECT client_id FROM active_clients", String.class))
                    .contains(service).doesNotContain(web);
            Map<String, Object> billingRow = jdbc.queryForMap("SELECT * FROM token_statistics WHERE client_id = ?",
                    service);
            assertThat(billingRow).containsEntry("grant_type", "client_credentials").containsEntry("total", 4L)
                                  .containsEntry("revoked", 2L).containsEntry("client_retired", 0L);
            // t3 is active until the 4 s lifetime ends, then expired like t2.
            assertThat((Long) billingRow.get("active") + (Long) billingRow.get("expired")).isEqualTo(2L);
            Map<String, Object> webRow = jdbc.queryForMap("SELECT * FROM token_statistics WHERE client_id = ?", web);
            assertThat(webRow).containsEntry("grant_type", "authorization_code").containsEntry("active", 0L)
                              .containsEntry("expired", 0L);
            assertThat((Long) webRow.get("client_retired")).isEqualTo((Long) webRow.get("total")
                    - (Long) webRow.get("revoked")).isPositive();
        });
    }

    private void asAnalyst(Runnable reads) {
        asAnalyst(() -> { }, reads);
    }

    /** {@code asOwner}, then {@code reads} as the analysts' role, in one transaction that rolls back. */
    private void asAnalyst(Runnable asOwner, Runnable reads) {
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())).executeWithoutResult(tx -> {
            asOwner.run();
            jdbc.execute("SET LOCAL ROLE ledger_analyst");
            reads.run();
            tx.setRollbackOnly();
        });
    }

    @Test
    void theAnalystRoleReadsReadTablesAndNothingElse() {
        TransactionTemplate asAnalyst = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        asAnalyst.executeWithoutResult(tx -> {
            jdbc.execute("SET LOCAL ROLE ledger_analyst");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM active_tokens", Long.class)).isEqualTo(1L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens", Long.class)).isPositive();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE details -> 'actor' IS NOT NULL",
                    Long.class))
                    .as("the audit view reads the event table, which the role cannot").isPositive();
            tx.setRollbackOnly();
        });
        for (String table : List.of("domain_event_entry", "token_entry", "ledger_seal", "ledger_chain",
                "ledger_chain_link", "ledger_settings", "audit_entry", "flyway_schema_history")) {
            assertThatThrownBy(() -> asAnalyst.executeWithoutResult(tx -> {
                jdbc.execute("SET LOCAL ROLE ledger_analyst");
                jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
            })).as(table).hasStackTraceContaining("permission denied");
        }
        for (String write : List.of("DELETE FROM tokens", "UPDATE clients SET client_name = 'x'",
                "INSERT INTO users (user_id, username, email, password_hash) VALUES (gen_random_uuid(), 'x', 'x', 'x')")) {
            assertThatThrownBy(() -> asAnalyst.executeWithoutResult(tx -> {
                jdbc.execute("SET LOCAL ROLE ledger_analyst");
                jdbc.update(write);
            })).as(write).hasStackTraceContaining("permission denied");
        }
    }
}
