package io.tokenledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.ChainLink;
import io.tokenledger.projections.integrity.sealing.ChainRow;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import io.tokenledger.projections.integrity.verification.ExportVerifier;
import io.tokenledger.projections.integrity.verification.LedgerExport;
import io.tokenledger.projections.integrity.verification.Verification;
import io.tokenledger.testdb.ForgedRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each test attacks as someone with SQL write access to the ledger's database but neither the seal key nor the
 * anchor directory would, and ends with {@code /ledger/verify} naming the change with its kind and position, and the
 * offline verifier naming it alike in an export. Each has a ledger of its own: some changes can never be undone, as
 * the chain has recorded them.
 */
@TestPropertySource(properties = "ledger.anchor-every=1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TamperEvidenceTest extends LedgerIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    @Autowired
    private LedgerExport exporter;
    @Autowired
    private Seals seals;
    @Autowired
    private AnchorSigner signer;
    @Autowired
    private MeterRegistry meters;
    private String auditor;
    private ClientAuthentication client;

    @BeforeEach
    void someHistory() {
        auditor = adminToken();
        var registered = ledger.register(auditor, "read");
        client = LedgerClient.basic(registered);
        for (int i = 0; i < 3; i++) {
            ledger.revoke(client, ledger.accessToken(client, "read"));
        }
        awaitAnchoredHead();
    }

    /** Anyone can fetch the key that signs anchors; the anchors themselves are for auditors. */
    @Test
    void theAnchorKeyIsPublishedAndTheAnchorsListed() throws IOException {
        HttpResponse<String> key = get("/ledger/anchor-key", null);
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.body()).isEqualTo(signer.publicKeyPem());
        assertThat(get("/ledger/anchors", null).statusCode()).isEqualTo(401);
        JsonNode anchors = json.readTree(get("/ledger/anchors", auditor).body());
        assertThat(anchors).isNotEmpty();
        assertThat(anchors.get(anchors.size() - 1).get("signing_key").asText()).isEqualTo(signer.keyId());
    }

    @Test
    void anUntouchedLedgerVerifiesAgainstItsAnchorAndAnExportedHeadStillVerifiesLater() {
        JsonNode ok = verify(200, "");
        assertThat(ok.get("status").asText()).isEqualTo("OK");
        assertThat(ok.get("chain_length").asLong()).isEqualTo(allEvents());
        assertThat(ok.get("anchor").get("position").asLong()).isEqualTo(ok.get("head_position").asLong());
        String head = ok.get("head_digest").asText();
        long position = ok.get("head_position").asLong();

        ledger.register(auditor, "more");
        awaitAnchoredHead();

        assertThat(verify(200, "?head_position=" + position + "&head=" + head).get("status").asText()).isEqualTo("OK");
        assertThat(verify(200, "").get("head_digest").asText()).isNotEqualTo(head);
    }

    /**
     * The attack of issue 17: a revocation deleted, the token's row made active again, its link turned into an empty
     * position and every digest recomputed that can be without the key. The keyed tag cannot be.
     */
    @Test
    void aDeletedEventWithEverythingComputableRecomputedIsNamed() {
        long victim = firstRevocation();
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", victim);
        jdbc.update("UPDATE tokens SET revoked_at = NULL, revocation_reason = NULL");
        rewriteLinkAsEmpty(victim);
        recomputePublicDigests();

        assertNamed("CHAIN_BROKEN", victim);
    }

    /** A stream rolled back: the revocation that ended a token's stream deleted, its link left. */
    @Test
    void aStreamRolledBackByDeletingItsLastEventIsNamed() {
        long victim = firstRevocation();
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", victim);

        assertNamed("DELETED", victim);
    }

    @Test
    void theLastEventsDeletedWithTheirLinksAreNamedByTheAnchor() {
        long anchored = verify(200, "").get("head_position").asLong();
        long kept = jdbc.queryForObject("SELECT max(first_position) - 1 FROM ledger_chain", Long.class);
        jdbc.update("DELETE FROM ledger_chain WHERE last_position > ?", kept);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index > ?", kept);

        assertNamed("TRUNCATED", anchored);
    }

    /**
     * An older backup restored over the ledger: the sequence, events and links as they were. The anchors, outside the
     * database, still name the heads they had: the newest one is missed; once new events take the restored
     * positions, the first anchor after the backup no longer matches (the linker may have anchored the lost events
     * one by one or together).
     */
    @Test
    void anOlderBackupRestoredOverANewerLedgerIsNamedByTheAnchor() throws IOException {
        long backup = verify(200, "").get("head_position").asLong();
        ledger.revoke(client, ledger.accessToken(client, "read"));
        long anchored = awaitAnchoredHead();
        long firstLost = firstAnchorFrom(backup + 1);

        jdbc.update("DELETE FROM ledger_chain WHERE last_position > ?", backup);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index > ?", backup);
        jdbc.queryForObject("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), ?)",
                Long.class, backup);
        assertNamed("TRUNCATED", anchored);

        ledger.revoke(client, ledger.accessToken(client, "read"));
        awaitChained();
        assertNamed("CHAIN_BROKEN", firstLost);
    }

    /**
     * A far-ahead row, inserted then deleted: processors are never handed a row above the positions the ledger gave
     * out, so real events after it are still chained and audited; while it is there, verify names it.
     */
    @Test
    void aFarAheadRowInsertedThenDeletedPushesNoProcessorPastRealEvents() {
        insertCopyAt(100_000, true);
        assertNamed("INSERTED", 100_000);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = 100000");

        ledger.revoke(client, ledger.accessToken(client, "read"));
        awaitChained();
        awaitAuditLogCaughtUp();
        assertThat(jdbc.queryForObject("SELECT max((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint) "
                + "FROM token_entry WHERE processor_name = 'audit_log'", Long.class)).isLessThan(100_000);
    }

    /**
     * The same with the position sequence moved past it, so that the row looks handed out: processors reach it, and
     * once it is gone they stand past the head, which verify names; the events after it are chained and audited.
     */
    @Test
    void aFarAheadRowWithTheSequenceMovedLeavesProcessorsAheadWhichIsNamed() throws IOException {
        jdbc.queryForObject("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), 100000)",
                Long.class);
        insertCopyAt(100_000, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_entry WHERE global_index = 100000", Long.class) == 1);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = 100000");

        assertNamed("PROCESSOR_AHEAD", 100_000);
        assertThat(get("/actuator/health", null).body()).contains("DEGRADED");
        assertThat(meters.get("ledger.health.status").gauge().value()).as("what alerts see").isEqualTo(0.5);
        JsonNode auditLog = json.readTree(get("/admin/projections", auditor).body()).findParents("name").stream()
                                .filter(p -> p.get("name").asText().equals("audit_log")).findFirst().orElseThrow();
        assertThat(auditLog.get("lag").asLong()).as("the truth, not a clamped 0").isNegative();

        ledger.revoke(client, ledger.accessToken(client, "read"));
        awaitChained();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry e
                WHERE NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.global_index = e.global_index)""", Long.class)
                == 0);
    }

    @Test
    void eventsSwappedBetweenPositionsAreNamed() {
        List<Long> pair = jdbc.queryForList("""
                SELECT global_index FROM domain_event_entry WHERE payload_type LIKE '%TokenRevoked'
                ORDER BY global_index LIMIT 2""", Long.class);
        jdbc.update("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", pair.get(0));
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", pair.get(0), pair.get(1));
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", pair.get(1));

        assertNamed("CHAIN_BROKEN", pair.get(0));
    }

    @Test
    void anAlteredPayloadIsNamed() {
        long victim = alterFirstRevocation();

        assertNamed("ALTERED", victim);
    }

    /** A row inserted with SQL at the next position, without a seal: recorded by the chain, so deleting it later still shows. */
    @Test
    void anUnsealedEventIsNamedEvenAfterItIsDeletedAgain() {
        long forged = jdbc.queryForObject(
                "SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        insertCopyAt(forged, false);
        assertNamed("INSERTED", forged);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_chain_link WHERE kind = 'U'", Long.class) == 1);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", forged);
        assertNamed("INSERTED", forged);
    }

    @Test
    void aRewrittenLinkIsNamed() {
        long victim = firstRevocation();
        ChainRow row = rowOf(victim);
        int link = row.spans().stream().map(ChainRow.Span::from).toList().indexOf(victim);
        byte[] tags = row.tags().clone();
        tags[link * 8] ^= 1;
        jdbc.update("UPDATE ledger_chain SET tags = ? WHERE last_position = ?", tags, row.lastPosition());

        assertNamed("CHAIN_BROKEN", victim);
    }

    /** Without the seal key an auditor still finds a rewrite the anchors cover, from an export alone. */
    @Test
    void anAuditorWithoutTheKeyFindsARewriteBeforeTheAnchorInAnExport() throws IOException {
        // The export holds the anchors taken before its snapshot: the rewrite must lie before one of them. The first
        // anchor at or after it no longer matches; how many links the linker anchored at once is its own affair.
        awaitAnchoredHead();
        long anchored = firstAnchorFrom(alterFirstRevocation());
        recomputePublicDigests();

        Verification offline = new ExportVerifier().verify(export(), null,
                AnchorSigner.verifying(signer.publicKeyPem()), (what, done) -> { });

        assertThat(offline.status()).as(offline.toString()).isEqualTo("CHAIN_BROKEN");
        assertThat(offline.position()).isEqualTo(anchored);
    }

    /** Named alike by the server and, from an export, by the offline verifier with the seal key. */
    private void assertNamed(String status, long position) {
        JsonNode result = verify(409, "");
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo(status);
        assertThat(result.get("position").asLong()).as(result.toString()).isEqualTo(position);
        try {
            Verification offline = new ExportVerifier().verify(export(), seals,
                    AnchorSigner.verifying(signer.publicKeyPem()), (what, done) -> { });
            assertThat(offline.status()).as("offline: " + offline).isEqualTo(status);
            assertThat(offline.position()).as("offline: " + offline).isEqualTo(position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path export() throws IOException {
        Path directory = Files.createTempDirectory("ledger-export");
        exporter.export(directory, (what, done) -> { });
        return directory;
    }

    /** A copy of the first revocation's row at a position of the attacker's choosing: with its seal, or with none. */
    private void insertCopyAt(long position, boolean withSeal) {
        ForgedRows.insertCopy(jdbc.getDataSource(), position, firstRevocation(), withSeal);
    }

    /** Makes the first revocation say an administrator revoked the token; answers its position. */
    private long alterFirstRevocation() {
        long victim = firstRevocation();
        jdbc.update("""
                UPDATE domain_event_entry
                SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'REVOKED_BY_CLIENT',
                                                 'REVOKED_BY_ADMIN'), 'UTF8')
                WHERE global_index = ?""", victim);
        return victim;
    }

    private long firstRevocation() {
        return jdbc.queryForObject("""
                SELECT min(global_index) FROM domain_event_entry WHERE payload_type LIKE '%TokenRevoked'""",
                Long.class);
    }

    /** Turns the link of {@code position} into an empty one, as an attacker can write it: the tag left as it was. */
    private void rewriteLinkAsEmpty(long position) {
        ChainRow row = rowOf(position);
        byte[] kinds = row.kinds().clone();
        List<Long> ends = new ArrayList<>();
        List<ChainRow.Span> spans = row.spans();
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i).from() == position) {
                kinds[i] = ChainLink.Kind.EMPTY.code;
            }
            if (kinds[i] == ChainLink.Kind.EMPTY.code) {
                ends.add(spans.get(i).to());
            }
        }
        jdbc.update("UPDATE ledger_chain SET kinds = ?, empty_ends = ?::bigint[] WHERE last_position = ?", kinds,
                ends.toArray(Long[]::new), row.lastPosition());
    }

    private ChainRow rowOf(long position) {
        return jdbc.queryForObject("SELECT " + ChainRow.COLUMNS
                + " FROM ledger_chain WHERE ? BETWEEN first_position AND last_position", (rs, n) -> ChainRow.of(rs),
                position);
    }

    /** Every public digest, recomputed from the rows as they now stand: all an attacker can compute without the key. */
    private void recomputePublicDigests() {
        byte[] open = ChainLink.GENESIS;
        for (ChainRow row : jdbc.query("SELECT " + ChainRow.COLUMNS + " FROM ledger_chain ORDER BY last_position",
                (rs, n) -> ChainRow.of(rs))) {
            for (ChainRow.Span span : row.spans()) {
                open = (span.kind() == ChainLink.Kind.EMPTY ? ChainLink.empty(span.from(), span.to())
                        : jdbc.queryForObject(StoredEvent.SELECT + " WHERE e.global_index = ?",
                                (rs, n) -> StoredEvent.of(rs), span.from()).link()).open(open);
            }
            if (!Arrays.equals(open, row.publicDigest())) {
                jdbc.update("UPDATE ledger_chain SET public_digest = ? WHERE last_position = ?", open,
                        row.lastPosition());
            }
        }
    }

    /** Waits until every event is chained; the head position once an anchor names it; read from that same answer, since the head may move on. */
    private long awaitAnchoredHead() {
        awaitChained();
        return await().atMost(Duration.ofSeconds(30)).until(() -> verify(200, ""), result ->
                result.hasNonNull("anchor")
                && result.get("anchor").get("position").asLong() == result.get("head_position").asLong())
                      .get("head_position").asLong();
    }

    /** The position of the first anchor at or after {@code position}, as the auditor's API lists them. */
    private long firstAnchorFrom(long position) throws IOException {
        return json.readTree(get("/ledger/anchors", auditor).body()).findValues("position").stream()
                   .mapToLong(JsonNode::asLong).filter(anchor -> anchor >= position).min().orElseThrow();
    }

    private HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ledger.uri(path)).GET();
        return ledger.raw(bearer == null ? request : request.header("Authorization", "Bearer " + bearer));
    }

    private JsonNode verify(int status, String query) {
        HttpResponse<String> response = get("/ledger/verify" + query, auditor);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
