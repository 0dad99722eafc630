package io.tokenledger.app.id;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids that are index keys sort by creation time, so their B-trees fill pages in order. */
class TimeOrderedIdsTest extends LedgerIntegrationTest {

    @Test
    void tokenClientAndEventIdsAreVersion7AndIncreaseWithTime() throws InterruptedException {
        ClientInformation client = ledger.register(adminToken(), "read");
        ClientAuthentication auth = LedgerClient.basic(client);
        List<String> tokenIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokenIds.add(ledger.introspect(auth, ledger.accessToken(auth, "read")).getJWTID().getValue());
            Thread.sleep(2);
        }

        assertThat(UUID.fromString(client.getID().getValue()).version()).isEqualTo(7);
        assertThat(tokenIds).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7))
                            .isSorted();
        List<String> eventIds = jdbc.queryForList("""
                SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier IN (?, ?, ?)
                ORDER BY global_index""", String.class, tokenIds.toArray());
        assertThat(eventIds).hasSize(3).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7))
                            .isSorted();
    }
}
