package io.tokenledger.app.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's logs of a full flow, as JSON lines and with every logger at DEBUG, hold no token, code, verifier,
 * password or secret it handled. (The JDK HTTP client's own debug log is the test client's, not the server's.)
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.structured.format.console=ecs", "logging.level.root=DEBUG",
        "logging.level.jdk.internal.httpclient=INFO"})
class LogSecretsTest extends CodeFlowTestBase {

    @Test
    void aFullFlowLogsNoSecret(CapturedOutput output) throws Exception {
        ledger.createUser(adminToken(), "logscan", "log scan password 42");
        var billing = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(LedgerClient.basic(billing), "read");
        ledger.revoke(LedgerClient.basic(billing), token);
        ledger.form("/oauth2/token", "grant_type=client_credentials&client_id=" + billing.getID().getValue()
                + "&client_secret=a-wrong-guess-for-the-logs", "X-Request-Id", "log-scan-1");
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);
        Tokens tokens = success(client.exchange(code, verifier));
        Tokens refreshed = success(client.refresh(tokens.getRefreshToken(), null));

        List<String> secrets = List.of(billing.getSecret().getValue(), token, ADMIN_SECRET, PASSWORD, "log scan password 42",
                webApp.getSecret().getValue(), code.getValue(), verifier.getValue(), "a-wrong-guess-for-the-logs",
                tokens.getAccessToken().getValue(), tokens.getRefreshToken().getValue(),
                refreshed.getAccessToken().getValue(), refreshed.getRefreshToken().getValue());
        String logs = output.getAll();
        assertThat(logs.lines().count()).as("the flow was logged at DEBUG").isGreaterThan(50);
        for (String secret : secrets) {
            assertThat(logs.lines().filter(line -> line.contains(secret)).toList()).as("log lines with a secret").isEmpty();
        }
        ObjectMapper json = new ObjectMapper();
        long jsonLines = logs.lines().filter(line -> line.startsWith("{")).peek(line -> {
            try {
                json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON log line: " + line, e);
            }
        }).count();
        assertThat(jsonLines).isGreaterThan(50);
        assertThat(logs).contains("\"requestId\":\"log-scan-1\"");
    }
}
