package io.tokenledger.app.retention;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DeviceClient;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "ledger.retention.batch-size=2")
class RetentionTest extends CodeFlowTestBase {

    @Autowired
    private Retention retention;

    @Test
    void oldRowsArePrunedInBatchesButTheEventsAndHistoriesStay() {
        var billing = ledger.register(adminToken(), "read");
        String old = ledger.accessToken(LedgerClient.basic(billing), "read");
        String oldId = ledger.introspect(LedgerClient.basic(billing), old).getJWTID().getValue();
        for (int i = 0; i < 4; i++) {
            ledger.accessToken(LedgerClient.basic(billing), "read");
        }
        String fresh = ledger.accessToken(LedgerClient.basic(billing), "read");
        Tokens grant = tokens(new CodeVerifier());
        age("UPDATE tokens SET expires_at = NOW() - INTERVAL '8 days', created_at = NOW() - INTERVAL '9 days' "
                + "WHERE client_id = ? AND access_token <> ?", billing.getID().getValue(),
                Secrets.sha256(fresh));
        age("UPDATE tokens SET expires_at = NOW() - INTERVAL '8 days' WHERE grant_id IS NOT NULL");
        age("UPDATE authorization_codes SET created_at = NOW() - INTERVAL '2 hours'");
        DeviceClient tv = DeviceClient.register(ledger, adminToken());
        tv.request("read");
        tv.request("read");
        age("UPDATE device_authorizations SET expires_at = NOW() - INTERVAL '2 hours' WHERE grant_id = (SELECT grant_id "
            + "FROM device_authorizations ORDER BY requested_at LIMIT 1)");
        long events = eventCount();

        Retention.Pruned pruned = retention.prune();

        assertThat(pruned.tokens()).isEqualTo(5);
        assertThat(pruned.authorizationCodes()).isEqualTo(1);
        assertThat(pruned.deviceAuthorizations()).as("the expired one; the other is still pending").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_authorizations", Long.class)).isEqualTo(1L);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(ledger.introspect(LedgerClient.basic(billing), fresh).isActive()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens WHERE grant_id IS NOT NULL", Long.class))
                .as("a token whose refresh token still works stays").isEqualTo(1L);
        assertThat(success(client.refresh(grant.getRefreshToken(), null))).isNotNull();
        var history = ledger.raw(HttpRequest.newBuilder(ledger.uri("/ledger/tokens/" + oldId + "/history"))
                                            .header("Authorization", "Bearer " + adminToken()).GET());
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("TokenIssued");
    }

    private void age(String sql, Object... args) {
        jdbc.update(sql, args);
    }
}
