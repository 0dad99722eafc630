package io.tokenledger.app.audit;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each audit row says which request caused it; refused security-relevant requests are in the ledger too. */
class RequestContextAndSecurityEventsTest extends CodeFlowTestBase {

    @Test
    void everyEventCarriesItsRequestsAddressUserAgentAndCorrelationId() {
        ClientInformation client = ledger.register(adminToken(), "read");

        var response = ledger.form("/oauth2/token", "grant_type=client_credentials",
                "Authorization", LedgerClient.basicHeader(client), "X-Request-Id", "audit-req-42",
                "User-Agent", "billing-batch/1.0");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("audit-req-42");
        Map<String, Object> row = auditRow("request_id = 'audit-req-42'");
        assertThat(row.get("event_type")).isEqualTo("TokenIssued");
        // Stored encrypted (issue 25): the analysts' view says so; the auditors' API reads them
        // (RequestContextEncryptionTest).
        assertThat(row.get("remote_address")).isEqualTo("[encrypted]");
        assertThat(row.get("user_agent")).isEqualTo("[encrypted]");
        assertThat(row.get("client_id")).isEqualTo(client.getID().getValue());
    }

    @Test
    void badClientCredentialsAreRecordedWithoutTheSecret() {
        ClientInformation client = ledger.register(adminToken(), "read");
        long before = securityEventCount("ClientAuthenticationFailed");

        ledger.form("/oauth2/token", "grant_type=client_credentials&client_id=" + client.getID().getValue()
                + "&client_secret=guessed-secret", "X-Request-Id", "bad-creds-1");

        assertThat(securityEventCount("ClientAuthenticationFailed")).isEqualTo(before + 1);
        Map<String, Object> row = auditRow("request_id = 'bad-creds-1'");
        assertThat(row.get("event_type")).isEqualTo("ClientAuthenticationFailed");
        assertThat(row.get("client_id")).isEqualTo(client.getID().getValue());
        assertThat(row.get("details").toString()).contains("wrong_secret").doesNotContain("guessed-secret");
    }

    @Test
    void failedSignInsAreRecordedNamingOnlyExistingAccounts() {
        Browser browser = new Browser();
        var page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));
        long before = securityEventCount("UserSignInFailed");

        page = browser.signIn(page, USER, "wrong password");
        browser.signIn(page, "my-password-typed-as-username", "whatever");

        assertThat(securityEventCount("UserSignInFailed")).isEqualTo(before + 2);
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER);
        assertThat(jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'userId' FROM domain_event_entry
                WHERE payload_type LIKE '%UserSignInFailed' ORDER BY global_index DESC LIMIT 2""", String.class))
                .containsExactly(null, userId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') "
                + "LIKE '%my-password-typed-as-username%'", Long.class)).isZero();
    }

    private Map<String, Object> auditRow(String condition) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE " + condition, Long.class) > 0);
        return jdbc.queryForMap("SELECT * FROM audit_log WHERE " + condition + " ORDER BY global_index LIMIT 1");
    }
}
