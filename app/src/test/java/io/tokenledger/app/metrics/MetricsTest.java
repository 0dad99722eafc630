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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** After a scripted flow, /actuator/prometheus shows every business counter with the right count. */
@AutoConfigureObservability
class MetricsTest extends CodeFlowTestBase {

    @Test
    void aScriptedFlowShowsInTheMetrics() {
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
        String metrics = ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/prometheus")).GET()).body();

        assertThat(value(metrics, "ledger_tokens_issued_total{grant_type=\"client_credentials\"")).isEqualTo(
                count("SELECT count(*) FROM tokens WHERE grant_type = 'client_credentials'"));
        assertThat(value(metrics, "ledger_tokens_issued_total{grant_type=\"authorization_code\"")).isEqualTo(2);
        assertThat(value(metrics, "ledger_tokens_issued_total{grant_type=\"refresh_token\"")).isEqualTo(2);
        assertThat(value(metrics, "ledger_codes_issued_total")).isEqualTo(2);
        assertThat(value(metrics, "ledger_codes_redeemed_total")).isEqualTo(2);
        assertThat(value(metrics, "ledger_codes_replayed_total")).isEqualTo(1);
        assertThat(value(metrics, "ledger_refresh_reuse_detected_total")).isEqualTo(1);
        assertThat(value(metrics, "ledger_tokens_revoked_total{reason=\"REVOKED_BY_CLIENT\"")).isEqualTo(1);
        assertThat(value(metrics, "ledger_tokens_revoked_total{reason=\"CODE_REPLAYED\"")).isEqualTo(1);
        assertThat(value(metrics, "ledger_tokens_revoked_total{reason=\"REFRESH_REUSED\"")).isEqualTo(3);
        assertThat(value(metrics, "ledger_client_authentication_failures_total{reason=\"wrong_secret\"")).isEqualTo(1);
        assertThat(value(metrics, "ledger_user_signin_failures_total{throttled=\"false\"")).isEqualTo(5);
        assertThat(value(metrics, "ledger_user_signin_failures_total{throttled=\"true\"")).isEqualTo(1);
        assertThat(metrics).contains("ledger_projection_lag{projection=\"audit_log\"")
                           .contains("ledger_projection_position{projection=\"tokens\"")
                           .contains("http_server_requests_seconds_bucket{")
                           .contains("uri=\"/oauth2/token\"")
                           .contains("uri=\"/oauth2/revoke\"")
                           .contains("uri=\"/oauth2/introspect\"")
                           .contains("hikaricp_connections_active");
        assertThat(metrics).as("Axon's command handling and event store timers").containsPattern("(?m)^commandBus")
                           .containsPattern("(?m)^eventStore");
        assertThat(first).isNotNull();
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
