package io.tokenledger.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A token's state at an instant, folded from the events: past its expiry, or its client retired, it is not active. */
@TestPropertySource(properties = "ledger.access-token-ttl=PT2S")
class TokenStatesAtAnInstantTest extends LedgerIntegrationTest {

    @Test
    void theLedgerSaysExpiredAndClientRetiredFromTheInstantsTheyBegan() throws Exception {
        ClientInformation resourceServer = ledger.register(adminToken(), "read");
        String expiring = tokenId(resourceServer);
        Instant whileActive = Instant.now();
        Thread.sleep(2_100);
        Instant afterExpiry = Instant.now();
        String admin = adminToken();
        ClientInformation retiring = ledger.register(admin, "read");
        String ofRetired = tokenId(retiring);
        Instant beforeRetirement = Instant.now();
        assertThat(ledger.retire(admin, retiring)).isEqualTo(204);

        admin = adminToken();
        assertThat(status(admin, expiring, whileActive)).isEqualTo("active");
        assertThat(status(admin, expiring, afterExpiry)).isEqualTo("expired");
        assertThat(status(admin, ofRetired, beforeRetirement)).isEqualTo("active");
        assertThat(status(admin, ofRetired, Instant.now())).isEqualTo("client_retired");
    }

    private String tokenId(ClientInformation client) {
        String token = ledger.accessToken(LedgerClient.basic(client), "read");
        return ledger.introspect(LedgerClient.basic(client), token).getJWTID().getValue();
    }

    private String status(String auditor, String tokenId, Instant at) throws Exception {
        var response = ledger.manage(auditor, "GET", "/ledger/tokens/" + tokenId + "?asOf=" + at, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).get("status").asText();
    }
}
