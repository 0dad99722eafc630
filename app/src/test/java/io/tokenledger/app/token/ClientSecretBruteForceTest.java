package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6: guessing client secrets is slowed down per address, and shows in the metrics. */
@AutoConfigureObservability
class ClientSecretBruteForceTest extends LedgerIntegrationTest {

    @Test
    void anAddressThatKeepsGuessingIsRefusedBeforeAnySecretIsCompared() {
        ClientInformation billing = ledger.register(adminToken(), "read");
        String id = billing.getID().getValue();
        for (int guess = 0; guess < 20; guess++) {
            assertThat(token(LedgerClient.basicHeader(id, "guess-" + guess)).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = token(LedgerClient.basicHeader(billing));

        assertThat(throttled.statusCode()).as("even the right secret waits: it is not compared").isEqualTo(429);
        assertThat(throttled.body()).contains("\"error\":\"invalid_client\"").contains("retry in");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(securityEventCount("ClientAuthenticationFailed")).as("refused guesses are not ledger writes")
                                                                   .isEqualTo(20);
        String metrics = ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/prometheus")).GET()).body();
        assertThat(metrics).contains("ledger_client_authentication_throttled_total 1.0")
                           .contains("ledger_client_authentication_failures_total{reason=\"wrong_secret\"} 20.0");
    }

    private HttpResponse<String> token(String authorization) {
        return ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization", authorization);
    }
}
