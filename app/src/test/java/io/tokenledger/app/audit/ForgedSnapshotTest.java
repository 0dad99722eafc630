package io.tokenledger.app.audit;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.command.token.TokenAggregate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks as someone with SQL write access to the database would: Axon's snapshot table is covered by no seal, so a
 * row written there must not stand in for an aggregate's sealed events.
 */
class ForgedSnapshotTest extends LedgerIntegrationTest {

    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSnapshotRowWrittenWithSqlDoesNotDecideARevocation() {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();
        // An aggregate of no client, far ahead of the token's one event: read, it would refuse the token's own client.
        jdbc.update("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                        + "time_stamp, payload_type, payload, meta_data) VALUES (?, 41, 'TokenAggregate', ?, ?, ?, ?, ?)",
                tokenId, UUID.randomUUID().toString(), Instant.now().toString(), TokenAggregate.class.getName(),
                EMPTY_JSON, EMPTY_JSON);

        assertThat(ledger.revoke(client, token).getStatusCode()).isEqualTo(200);
        assertThat(ledger.introspect(client, token).isActive()).isFalse();
        assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", Long.class, tokenId)).containsExactly(0L, 1L);
    }
}
