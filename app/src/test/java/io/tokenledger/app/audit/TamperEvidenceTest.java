package io.tokenledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.projections.ledger.Seals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Altering, deleting or inserting event rows with SQL is named by /ledger/verify. */
class TamperEvidenceTest extends LedgerIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private String auditor;

    @BeforeEach
    void someHistory() {
        auditor = adminToken();
        var client = ledger.register(auditor, "read");
        for (int i = 0; i < 3; i++) {
            ledger.revoke(LedgerClient.basic(client), ledger.accessToken(LedgerClient.basic(client), "read"));
        }
        awaitChained();
    }

    @Test
    void anUntouchedLedgerVerifiesAndAnExportedHeadStillVerifiesLater() {
        JsonNode ok = verify(200, "");
        assertThat(ok.get("status").asText()).isEqualTo("OK");
        assertThat(ok.get("chain_length").asLong()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry", Long.class));
        String head = ok.get("head_digest").asText();
        long length = ok.get("chain_length").asLong();

        ledger.register(auditor, "more");
        awaitChained();

        assertThat(verify(200, "?chain_length=" + length + "&head=" + head).get("status").asText()).isEqualTo("OK");
        assertThat(verify(200, "").get("head_digest").asText()).isNotEqualTo(head);
    }

    @Test
    void anAlteredEventIsNamed() {
        long victim = middleEvent();
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?",
                byte[].class, victim);
        jdbc.update("""
                UPDATE domain_event_entry
                SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'REVOKED_BY_CLIENT', 'REVOKED_BY_ADMIN'), 'UTF8')
                WHERE global_index = ?""", victim);

        JsonNode result = verify(409, "");
        restore(victim, original);

        assertThat(result.get("status").asText()).isEqualTo("ALTERED");
        assertThat(result.get("position").asLong()).isEqualTo(victim);
        assertThat(verify(200, "").get("status").asText()).isEqualTo("OK");
    }

    @Test
    void aDeletedEventIsNamed() {
        long victim = middleEvent();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", victim);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", victim);

        JsonNode result = verify(409, "");
        reinsert(row);

        assertThat(result.get("status").asText()).isEqualTo("DELETED");
        assertThat(result.get("position").asLong()).isEqualTo(victim);
        assertThat(verify(200, "").get("status").asText()).isEqualTo("OK");
    }

    /**
     * A row inserted with SQL, a copy of a genuine one under a new id and sequence number: without a seal it did not
     * come through the ledger; with the genuine seal copied it does not match it, since the seal covers both.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"without a seal, '', INSERTED", "with a copied seal, ', seal', ALTERED"})
    void anEventInsertedOutsideTheLedgerIsNamed(String how, String sealColumn, String status) {
        long forged = jdbc.queryForObject("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data%1$s)
                SELECT gen_random_uuid()::text, aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type,
                       payload_revision, payload, meta_data%1$s
                FROM domain_event_entry WHERE global_index = ? RETURNING global_index""".formatted(sealColumn),
                Long.class, middleEvent());

        JsonNode result = verify(409, "");
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", forged);

        assertThat(result.get("status").asText()).isEqualTo(status);
        assertThat(result.get("position").asLong()).isEqualTo(forged);
    }

    /** Two chained events swapped between positions: each still matches its seal, the chain no longer follows. */
    @Test
    void eventsSwappedBetweenPositionsBreakTheChain() {
        List<Long> pair = firstTwoRevocations();
        swap(pair.get(0), pair.get(1));

        JsonNode result = verify(409, "");
        swap(pair.get(0), pair.get(1));

        assertThat(result.get("status").asText()).isEqualTo("CHAIN_BROKEN");
        assertThat(result.get("position").asLong()).isEqualTo(pair.get(0));
        assertThat(verify(200, "").get("status").asText()).isEqualTo("OK");
    }

    /**
     * The same two events swapped, and their links swapped alike: every seal still matches and the seals still come in
     * the chain's order, but a link binds its event's position (V13), so the chain no longer follows.
     */
    @Test
    void eventsSwappedWithTheirLinksBreakTheChain() {
        List<Long> pair = firstTwoRevocations();
        swap(pair.get(0), pair.get(1));
        swapLinks(pair.get(0), pair.get(1));

        JsonNode result = verify(409, "");
        swapLinks(pair.get(0), pair.get(1));
        swap(pair.get(0), pair.get(1));

        assertThat(result.get("status").asText()).isEqualTo("CHAIN_BROKEN");
        assertThat(result.get("position").asLong()).isIn(pair);
        assertThat(verify(200, "").get("status").asText()).isEqualTo("OK");
    }

    @Test
    void everyAppendedEventCarriesItsSealInItsRow() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE seal IS NULL", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_seal", Long.class)).isZero();
    }

    @Test
    void aRewrittenEarlierHistoryNoLongerMatchesAnExportedHead() {
        JsonNode exported = verify(200, "");
        long victim = middleEvent();
        byte[] tag = jdbc.queryForObject("SELECT tag FROM ledger_chain_link WHERE global_index = ?", byte[].class,
                victim);
        setTag(victim, Seals.tag(Seals.chain(null, tag)));

        JsonNode result = verify(409, "?chain_length=" + exported.get("chain_length").asLong() + "&head="
                + exported.get("head_digest").asText());
        setTag(victim, tag);

        assertThat(result.get("status").asText()).isEqualTo("CHAIN_BROKEN");
    }

    /** Overwrites the tag of one event's link in the row of links that holds it. */
    private void setTag(long position, byte[] tag) {
        jdbc.update("""
                UPDATE ledger_chain
                SET tags = overlay(tags PLACING ? FROM (array_position(positions, ?::bigint) - 1) * 8 + 1 FOR 8)
                WHERE ?::bigint = ANY (positions)""", tag, position, position);
    }

    private List<Long> firstTwoRevocations() {
        return jdbc.queryForList("""
                SELECT global_index FROM domain_event_entry WHERE payload_type LIKE '%TokenRevoked'
                ORDER BY global_index LIMIT 2""", Long.class);
    }

    private void swapLinks(long a, long b) {
        jdbc.update("""
                UPDATE ledger_chain
                SET positions = array_replace(
                        array_replace(array_replace(positions, ?::bigint, -1), ?::bigint, ?::bigint), -1, ?::bigint)
                WHERE ?::bigint = ANY (positions) OR ?::bigint = ANY (positions)""", a, b, a, b, a, b);
    }

    private void swap(long a, long b) {
        jdbc.update("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", a);
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", a, b);
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", b);
    }

    private long middleEvent() {
        return jdbc.queryForObject("""
                SELECT global_index FROM domain_event_entry WHERE payload_type LIKE '%TokenRevoked'
                ORDER BY global_index LIMIT 1""", Long.class);
    }

    private void restore(long position, byte[] payload) {
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", payload, position);
    }

    private void reinsert(Map<String, Object> row) {
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data, seal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.get("global_index"), row.get("event_identifier"),
                row.get("aggregate_identifier"), row.get("sequence_number"), row.get("type"), row.get("time_stamp"),
                row.get("payload_type"), row.get("payload_revision"), row.get("payload"), row.get("meta_data"),
                row.get("seal"));
    }

    private void awaitChained() {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("SELECT count(*) FROM ledger_chain_link",
                Long.class).equals(allEvents()));
    }

    private JsonNode verify(int status, String query) {
        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/ledger/verify" + query))
                                                              .header("Authorization", "Bearer " + auditor).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
