package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DatabaseText;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.events.Actor;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.projections.integrity.sealing.Anchor;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.Anchorer;
import io.tokenledger.projections.integrity.sealing.BeforeSealing;
import io.tokenledger.projections.integrity.sealing.LedgerChainer;
import io.tokenledger.projections.integrity.sealing.RewriteStatement;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import io.tokenledger.projections.integrity.verification.ExportVerifier;
import io.tokenledger.projections.integrity.verification.LedgerExport;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 25's migration: events written before the ledger encrypted personal data (written here as they were then, by
 * switching the encryption off) are encrypted in place by the operator command, under a statement signed with the
 * anchor key; afterwards no plaintext is left in the event table, every read shows the same, verify is OK online and
 * offline (with the seal keys and with the anchor key's public half alone), and an erasure reaches those events. And the
 * attacks of someone who can write the database but holds neither the seal key nor the anchor key: a rewritten row
 * altered or put back as it was, a statement deleted, a statement rewritten and signed with a key of their own.
 */
@Import(PastEventsEncryptionTest.WrittenAsBefore.class)
class PastEventsEncryptionTest extends CodeFlowTestBase {

    private static final String AGENT = "legacy-probe/2.1 (+https://example.test/before-encryption)";
    private static final String HINT = "hinted-before-encryption@example.com";

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private EncryptionSwitch encryption;
    @Autowired
    private PastEventsEncryption pastEvents;
    @Autowired
    private LedgerVerifier verifier;
    @Autowired
    private LedgerExport exporter;
    @Autowired
    private Seals seals;
    @Autowired
    private AnchorSigner signer;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private Anchorer anchorer;
    @Autowired
    private LedgerChainer chainer;

    @Test
    void eventsWrittenBeforeEncryptionAreEncryptedInPlaceAndTheProofHoldsWithAndWithoutTheKeys() throws IOException {
        Person person = writtenBeforeEncryption();
        for (String plaintext : List.of(person.username(), person.email(), AGENT, HINT)) {
            assertThat(DatabaseText.occurrences(jdbc, "domain_event_entry", plaintext)).as(plaintext).isPositive();
        }
        long events = allEvents();
        Anchor anchored = anchorer.anchorNow(chainer.head()).orElseThrow();

        PastEventsEncryption.Encrypted result = pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { });

        assertThat(result.eventsRewritten()).isPositive();
        assertThat(result.statements()).isPositive();
        assertThat(anchored.position()).as("an anchor signed before covers the rows rewritten")
                                       .isGreaterThanOrEqualTo(lastRewritten());
        assertThat(allEvents()).as("the rows stay; each statement is one more").isEqualTo(events + result.statements());
        for (String plaintext : List.of(person.username(), person.email(), AGENT, HINT)) {
            assertThat(DatabaseText.occurrences(jdbc, "domain_event_entry", plaintext)).as(plaintext).isZero();
        }
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'loginHint' FROM domain_event_entry
                WHERE aggregate_identifier = ?""", String.class, person.pushedRequest()))
                .as("a pushed request's hint moved to its request context, as now written")
                .startsWith("enc:v1:anonymous:");
        assertThat(history(person.userId())).as("the auditors read it as before").contains(person.username(), person.email());
        awaitChained();
        assertVerified("OK", null);
        assertThat(pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { }).eventsRewritten())
                .as("run again, it finds nothing left to do").isZero();

        HttpResponse<String> erased = ledger.manage(adminToken(), "POST", "/admin/users/" + person.userId() + "/erase",
                "{\"reason\":\"GDPR Art. 17 request\",\"requested_by\":\"privacy desk\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json.readTree(erased.body()).path("unencrypted_events").asLong()).isZero();
        assertThat(history(person.userId())).doesNotContain(person.username(), person.email()).contains("[erased]");
        awaitChained();
        assertVerified("OK", null);
        assertThat(pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { }).eventsRewritten())
                .as("what reads as erased is not plaintext: nothing to do").isZero();
    }

    /**
     * The database writer tombstones the key of a person never erased, hoping the migration writes their history as
     * erased, with a statement that verifies: the migration sees that the ledger records no erasure, and stops.
     */
    @Test
    void aKeyDestroyedBehindTheLedgersBackStopsTheMigration() {
        Person person = writtenBeforeEncryption();
        jdbc.update("INSERT INTO personal_data_keys (key_id, wrap_key_id, destroyed_at) VALUES (?, 'x', now())",
                "user:" + person.userId());

        assertThatThrownBy(() -> pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { }))
                .hasMessageContaining("the key table was altered");

        assertThat(DatabaseText.occurrences(jdbc, "domain_event_entry", person.username())).as("nothing rewritten")
                                                                                           .isPositive();
        jdbc.update("DELETE FROM personal_data_keys WHERE key_id = ?", "user:" + person.userId());
        pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { });
        assertThat(DatabaseText.occurrences(jdbc, "domain_event_entry", person.username())).isZero();
        assertVerified("OK", null);
    }

    /** The migration rewrites nothing in a ledger that does not verify, and says where it does not. */
    @Test
    void aLedgerThatDoesNotVerifyIsNotRewritten() {
        Person person = writtenBeforeEncryption();
        long position = registration(person.userId());
        byte[] stored = payloadAt(position);
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), ?, ?),"
                + " 'UTF8') WHERE global_index = ?", person.username(), "mallory", position);

        assertThatThrownBy(() -> pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { }))
                .isInstanceOf(PastEventsEncryption.NotVerified.class)
                .hasMessageContaining("ALTERED at position " + position);

        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", stored, position);
        assertThat(DatabaseText.occurrences(jdbc, "domain_event_entry", person.email())).as("nothing rewritten")
                                                                                        .isPositive();
        pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { });
    }

    @Test
    void aRewrittenRowAlteredAfterwardsIsCaught_ASVS7_3_3() throws IOException {
        Person person = writtenBeforeEncryption();
        pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { });
        long position = registration(person.userId());
        awaitChained();
        byte[] rewritten = payloadAt(position);
        ObjectNode altered = (ObjectNode) json.readTree(rewritten);
        altered.put("username", altered.path("email").asText());

        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                json.writeValueAsBytes(altered), position);

        assertVerified("ALTERED", position);
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", rewritten, position);
        assertVerified("OK", null);
    }

    @Test
    void aRewrittenRowPutBackAsItWasBeforeIsCaught() {
        Person person = writtenBeforeEncryption();
        long position = registration(person.userId());
        Map<String, Object> before = row(position);
        pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { });
        Map<String, Object> after = row(position);
        awaitChained();

        putRow(position, before);

        assertVerified("ALTERED", position);
        putRow(position, after);
        assertVerified("OK", null);
    }

    @Test
    void aStatementDeletedLeavesItsRowsUnexplained() {
        writtenBeforeEncryption();
        long statement = encryptedUnderOneStatement();
        long firstRewritten = firstRowOf(statement);
        awaitChained();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?",
                statement);

        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", statement);

        assertVerified("CHAIN_BROKEN", firstRewritten);
        String columns = String.join(", ", row.keySet());
        jdbc.update("INSERT INTO domain_event_entry (" + columns + ") VALUES (" + "?, ".repeat(row.size() - 1) + "?)",
                row.values().toArray());
        assertVerified("OK", null);
    }

    /**
     * The database writer alters an event no one rewrote (the registration of a client, before the statement) and
     * adds it to a statement, which they sign with an Ed25519 key of their own, named as the anchor key is: the
     * statement is refused, online and offline, with the keys and without.
     */
    @Test
    void aStatementExtendedAndSignedByAnotherKeyIsRefused() throws IOException {
        writtenBeforeEncryption();
        long statement = encryptedUnderOneStatement();
        awaitChained();
        long registered = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE payload_type LIKE "
                + "'%ClientRegistered' AND aggregate_identifier = ?", Long.class, webApp.getID().getValue());
        byte[] original = payloadAt(registered);
        byte[] statementPayload = payloadAt(statement);
        String contentBefore = contentHash(registered);
        String sealBefore = jdbc.queryForObject("SELECT encode(seal, 'hex') FROM domain_event_entry "
                + "WHERE global_index = ?", String.class, registered);
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'https://', 'https://evil.example/'), 'UTF8') WHERE global_index = ?", registered);
        ObjectNode forged = (ObjectNode) json.readTree(statementPayload);
        ((ArrayNode) forged.path("rows")).insertObject(0).put("position", registered).put("sealBefore", sealBefore)
                                         .put("contentBefore", contentBefore)
                                         .put("contentAfter", contentHash(registered));
        AnchorSigner theirs = AnchorSigner.loadOrCreate(Files.createTempDirectory("their-key").resolve("key.pem"));
        forged.put("signingKey", signer.keyId()).put("signature", theirs.sign(signedText(forged)));

        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", json.writeValueAsBytes(forged),
                statement);

        Verification refused = assertVerified("ALTERED", statement);
        assertThat(refused.detail()).contains("not as the anchor key signed it");
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", statementPayload, statement);
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, registered);
        assertVerified("OK", null);
    }

    /** What a person's account wrote while the ledger stored personal data in plaintext. */
    private Person writtenBeforeEncryption() {
        encryption.off();
        try {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String username = "legacy" + suffix;
            String password = "pw " + suffix;
            String admin = adminToken();
            ledger.createUser(admin, username, password);
            Person person = new Person(jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?",
                    String.class, username), username, username + "@example.com", null);
            HttpResponse<String> profile = ledger.manage(admin, "PUT", "/admin/users/" + person.userId() + "/profile",
                    "{\"name\":\"Legacy " + suffix + "\"}");
            assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
            CodeVerifier verifier = new CodeVerifier();
            success(client.exchange(client.signIn(new Browser(), username, password, "read", verifier), verifier));
            ClientInformation anonymous = ledger.register(admin, "read");
            ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                    LedgerClient.basicHeader(anonymous), "User-Agent", AGENT);
            String pushedRequest = "sha256:" + suffix;
            eventStore.publish(new GenericDomainEventMessage<>("PushedRequestAggregate", pushedRequest, 0,
                    new AuthorizationRequestPushed(pushedRequest, webApp.getID().getValue(), Map.of("login_hint",
                            List.of(HINT), "scope", List.of("read")), Instant.now(), Instant.now(),
                            Actor.client(webApp.getID().getValue()))));
            awaitChained();
            return new Person(person.userId(), person.username(), person.email(), pushedRequest);
        } finally {
            encryption.on();
        }
    }

    /** Writes plaintext rows and encrypts them: the one statement that covers them. */
    private long encryptedUnderOneStatement() {
        long before = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        assertThat(pastEvents.encrypt(Actor.operator("migration test"), (phase, at) -> { }).statements()).isEqualTo(1);
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE payload_type = ? "
                + "AND global_index > ?", Long.class, RewriteStatement.PAYLOAD_TYPE, before);
    }

    private long firstRowOf(long statement) {
        try {
            return json.readTree(payloadAt(statement)).path("rows").path(0).path("position").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long registration(String userId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0", Long.class, userId);
    }

    private byte[] payloadAt(long position) {
        return jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class,
                position);
    }

    private Map<String, Object> row(long position) {
        return jdbc.queryForMap("SELECT payload, meta_data, seal, seal_key_id FROM domain_event_entry "
                + "WHERE global_index = ?", position);
    }

    private void putRow(long position, Map<String, Object> row) {
        jdbc.update("UPDATE domain_event_entry SET payload = ?, meta_data = ?, seal = ?, seal_key_id = ? "
                + "WHERE global_index = ?", row.get("payload"), row.get("meta_data"), row.get("seal"),
                row.get("seal_key_id"), position);
    }

    private String contentHash(long position) {
        return jdbc.query(StoredEvent.SELECT + " WHERE e.global_index = ?",
                (rs, n) -> HexFormat.of().formatHex(Seals.contentHash(position, StoredEvent.of(rs).row())),
                position).get(0);
    }

    /** The statement's signed text, as the attacker rebuilds it from the published format. */
    private static byte[] signedText(JsonNode statement) {
        StringBuilder text = new StringBuilder("token-ledger rewritten rows v1\n")
                .append(statement.path("ledgerId").asText()).append('\n')
                .append(statement.path("encryptedAt").asText()).append('\n');
        for (JsonNode row : statement.path("rows")) {
            text.append(row.path("position").asLong()).append(' ').append(row.path("sealBefore").asText()).append(' ')
                .append(row.path("contentBefore").asText()).append(' ').append(row.path("contentAfter").asText())
                .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String history(String userId) {
        HttpResponse<String> response = ledger.manage(adminToken(), "GET", "/ledger/users/" + userId + "/history",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The database's verification, and an export's with the seal keys and with the anchor key's public half alone. */
    private Verification assertVerified(String status, Long position) {
        Verification online = verifier.verify();
        assertThat(online.status()).as(online.toString()).isEqualTo(status);
        assertThat(online.position()).as(online.toString()).isEqualTo(position);
        try {
            Path export = Files.createTempDirectory("ledger-export");
            exporter.export(export, (what, done) -> { });
            AnchorSigner trusted = AnchorSigner.verifying(signer.publicKeyPem());
            for (Seals keys : Arrays.asList(seals, null)) {
                Verification offline = new ExportVerifier().verify(export, keys, trusted, (what, done) -> { });
                assertThat(offline.status()).as(offline.toString()).isEqualTo(status);
                if (!"CHAIN_BROKEN".equals(status)) {
                    // Without the keys a broken link shows only where its row of links ends.
                    assertThat(offline.position()).as(offline.toString()).isEqualTo(position);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return online;
    }

    private long lastRewritten() {
        return jdbc.queryForObject("SELECT max((r ->> 'position')::bigint) FROM domain_event_entry, "
                + "jsonb_array_elements(convert_from(payload, 'UTF8')::jsonb -> 'rows') r WHERE payload_type = ?",
                Long.class, RewriteStatement.PAYLOAD_TYPE);
    }

    /** A person, and a request pushed as it was stored then, its login hint among its parameters. */
    private record Person(String userId, String username, String email, String pushedRequest) {
    }

    /** Writes events as the ledger did before issue 25 while switched off: personal data stored as it came. */
    static final class EncryptionSwitch implements BeforeSealing {

        private final PersonalDataProtection protection;
        private volatile boolean off;

        EncryptionSwitch(PersonalDataProtection protection) {
            this.protection = protection;
        }

        void off() {
            off = true;
        }

        void on() {
            off = false;
        }

        @Override
        public List<EventMessage<?>> apply(List<? extends EventMessage<?>> events) {
            return off ? List.copyOf(events) : protection.apply(events);
        }
    }

    @TestConfiguration
    static class WrittenAsBefore {

        @Bean
        @Primary
        EncryptionSwitch encryptionSwitch(PersonalDataProtection protection) {
            return new EncryptionSwitch(protection);
        }
    }
}
