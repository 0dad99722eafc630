package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** One access log line per request, with what an operator needs and nothing a thief could use (OWASP ASVS 7.1.1). */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "ledger.access-log=true")
class AccessLogTest extends LedgerIntegrationTest {

    @Test
    void everyRequestIsLoggedOnceWithItsIdAndClientAndNoSecret_ASVS7_1_1(CapturedOutput output) {
        ClientInformation client = ledger.register(adminToken(), "read");
        String clientId = client.getID().getValue();
        HttpResponse<String> issued = ledger.form("/oauth2/token", "grant_type=client_credentials",
                "Authorization", LedgerClient.basicHeader(client), "X-Request-Id", "access-log-1");
        String token = issued.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                LedgerClient.basicHeader(clientId, "wrong"), "X-Request-Id", "access-log-2");

        assertThat(output.getAll().lines().filter(line -> line.contains("POST /oauth2/token 200"))
                         .filter(line -> line.contains("access-log-1")))
                .singleElement().asString().contains("io.tokenledger.access").contains("client " + clientId);
        assertThat(output.getAll().lines().filter(line -> line.contains("POST /oauth2/token 401"))
                         .filter(line -> line.contains("access-log-2")))
                .as("a refused request is logged too, with no client: none authenticated").singleElement()
                .asString().doesNotContain("client ");
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(client.getSecret().getValue())
                                   .doesNotContain(ADMIN_SECRET);
    }
}
