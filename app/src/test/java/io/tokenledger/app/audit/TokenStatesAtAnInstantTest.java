package io.tokenledger.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** Paged by candidates: with a limit of one, the first page holds only the two revoked tokens. */
    @Test
    void theActiveTokensOfAClientAreFoundPastTheExpiredAndTheRevoked() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        String expired = tokenId(client);
        Thread.sleep(2_100);
        for (int i = 0; i < 2; i++) {
            ledger.revoke(LedgerClient.basic(client), ledger.accessToken(LedgerClient.basic(client), "read"));
        }
        String live = tokenId(client);
        Instant now = Instant.now();
        awaitAuditLogCaughtUp();

        assertThat(activeAt(client, now, 1)).containsExactly(live);
        assertThat(activeAt(client, now, 10)).containsExactly(live).doesNotContain(expired);
    }

    private List<String> activeAt(ClientInformation client, Instant at, int limit) throws Exception {
        var response = ledger.manage(adminToken(), "GET", "/ledger/clients/" + client.getID().getValue()
                + "/tokens?activeAt=" + at + "&limit=" + limit, null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(response.body()).forEach(token -> ids.add(token.get("token_id").asText()));
        return ids;
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
