package io.tokenledger.app.metrics;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** After a scripted flow, /actuator/prometheus shows every business counter with the right count. */
@AutoConfigureObservability
class MetricsTest extends CodeFlowTestBase {

    @Test
    void aScriptedFlowShowsInTheMetrics() {
        String atStart = scrape();
        for (String counter : List.of("ledger_codes_replayed_total", "ledger_refresh_reuse_detected_total",
                "ledger_tokens_revoked_total{reason=\"CODE_REPLAYED\"",
                "ledger_tokens_revoked_total{reason=\"REFRESH_REUSED\"",
                "ledger_client_authentication_failures_total{reason=\"wrong_secret\"",
                "ledger_client_authentication_failures_total{reason=\"unknown_client\"",
                "ledger_user_signin_failures_total{throttled=\"true\"")) {
            assertThat(value(atStart, counter)).as("%s exists at 0 before the first attack", counter).isZero();
        }
        var billing = ledger.register(adminToken(), "read");
        String revoked = ledger.accessToken(LedgerClient.basic(billing), "read");
        ledger.revoke(LedgerClient.basic(billing), revoked);
        ledger.introspect(LedgerClient.basic(billing), revoked);
        ledger.form("/oauth2/token", "grant_type=client_credentials&client_id=" + billing.getID().getValue()
                + "&client_secret=wrong");
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);
        Tokens first = success(client.exchange(code, verifier));
        client.exchange(code, verifier);
        Tokens second = tokens(new CodeVerifier());
        Tokens third = success(client.refresh(second.getRefreshToken(), null));
        success(client.refresh(third.getRefreshToken(), null));
        client.refresh(second.getRefreshToken(), null);

        Browser browser = new Browser();
        var page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));
        for (int attempt = 0; attempt < 6; attempt++) {
            page = browser.signIn(page, USER, "wrong password");
        }
        String metrics = scrape();

        assertThat(value(metrics, "ledger_tokens_issued_total{grant_type=\"client_credentials\"")).isEqualTo(
                count("SELECT count(*) FROM tokens WHERE grant_type = 'client_credentials'"));
        // Each sample, then the count the flow above makes of it.
        """
                ledger_tokens_issued_total{grant_type="authorization_code" 2
                ledger_tokens_issued_total{grant_type="refresh_token" 2
                ledger_codes_issued_total 2
                ledger_codes_redeemed_total 2
                ledger_codes_replayed_total 1
                ledger_refresh_reuse_detected_total 1
                ledger_tokens_revoked_total{reason="REVOKED_BY_CLIENT" 1
                ledger_tokens_revoked_total{reason="CODE_REPLAYED" 1
                ledger_tokens_revoked_total{reason="REFRESH_REUSED" 3
                ledger_client_authentication_failures_total{reason="wrong_secret" 1
                ledger_user_signin_failures_total{throttled="false" 5
                ledger_user_signin_failures_total{throttled="true" 1
                """.lines().map(line -> line.split(" ")).forEach(expected ->
                assertThat(value(metrics, expected[0])).as(expected[0]).isEqualTo(Long.parseLong(expected[1])));
        assertThat(metrics).contains("ledger_projection_lag{projection=\"audit_log\"")
                           .contains("ledger_projection_position{projection=\"tokens\"")
                           .contains("http_server_requests_seconds_bucket{")
                           .contains("uri=\"/oauth2/token\"")
                           .contains("uri=\"/oauth2/revoke\"")
                           .contains("uri=\"/oauth2/introspect\"")
                           .contains("hikaricp_connections_active");
        assertThat(metrics).as("Axon's command handling and event store timers").containsPattern("(?m)^commandBus")
                           .containsPattern("(?m)^eventStore");
        assertThat(metrics).as("each processor's timer and counters, but not Axon's capacity monitor, which holds ten "
                               + "minutes of every event in memory (AxonMetricsConfig)")
                           .containsPattern("(?m)^eventProcessor").doesNotContainPattern("(?m)^eventProcessor_capacity");
        assertThat(first).isNotNull();
    }

    /** Each ledger_ family says what it counts, in base units (Prometheus's HELP, from the meter's description). */
    @Test
    void everyLedgerMetricHasHelpText() {
        String metrics = scrape();
        Matcher families = Pattern.compile("(?m)^# TYPE (ledger_\\S+) ").matcher(metrics);
        int seen = 0;
        while (families.find()) {
            seen++;
            assertThat(metrics).as(families.group(1))
                               .containsPattern("(?m)^# HELP " + Pattern.quote(families.group(1)) + " \\S");
        }
        assertThat(seen).as("ledger_ families in the scrape").isGreaterThan(10);
        assertThat(metrics).doesNotContainPattern("(?m)^# TYPE ledger_\\S*(_ms|_millis|_milliseconds)\\b");
    }

    private String scrape() {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/prometheus")).GET()).body();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** The value of the first sample whose line starts with this name and labels. */
    private static long value(String metrics, String prefix) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "[^ ]* ([0-9.E+]+)$").matcher(metrics);
        assertThat(matcher.find()).as(prefix + " in the scrape").isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
