package io.tokenledger.app;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.DatabaseText;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a {@code pg_dump} would show: every row of every table, bytea included, rendered as text. None of the
 * secrets the server handed out or was given may appear in it.
 */
class SecretsAtRestTest extends LedgerIntegrationTest {

    @Test
    void noTokenOrSecretIsStoredInPlaintextAnywhereInTheDatabase() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");
        String revoked = ledger.accessToken(LedgerClient.basic(client), "read");
        ledger.revoke(LedgerClient.basic(client), revoked);
        ledger.createUser(admin, "ada", "correct horse battery");
        ClientInformation webApp = ledger.registerCodeClient(admin, "read");
        CodeFlowClient codeFlow = new CodeFlowClient(ledger, webApp, LedgerClient.basic(webApp));
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = codeFlow.signIn(new Browser(), "ada", "correct horse battery", "read", verifier);
        Tokens first = ((AccessTokenResponse) codeFlow.exchange(code, verifier)).getTokens();
        Tokens second = ((AccessTokenResponse) codeFlow.refresh(first.getRefreshToken(), null)).getTokens();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class).equals(eventCount()));

        List<String> secrets = List.of(admin, ADMIN_SECRET, client.getSecret().getValue(), token, revoked,
                webApp.getSecret().getValue(), "correct horse battery", code.getValue(), verifier.getValue(),
                first.getAccessToken().getValue(), first.getRefreshToken().getValue(),
                second.getAccessToken().getValue(), second.getRefreshToken().getValue());
        for (String secret : secrets) {
            assertThat(DatabaseText.tablesHolding(jdbc, secret)).as("tables holding a plaintext secret").isEmpty();
        }
    }
}
