package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DatabaseText;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.verification.ExportVerifier;
import io.tokenledger.projections.integrity.verification.LedgerExport;
import io.tokenledger.projections.integrity.verification.Verification;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25: a person signs in, gets tokens and is erased (GDPR Art. 17). Their events stay and the proof holds, online
 * and offline; their name, email and username are in no table, no event and no log, and read as erased wherever the
 * ledger is read; their tokens are revoked; the analysts still count their account and activity; and a rebuild makes
 * the same read table. Each check looks as a database reader or a log reader would, not through the API alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonErasureTest extends CodeFlowTestBase {

    private static final String ERASURE = """
            {"reason":"GDPR Art. 17 request","requested_by":"privacy desk, ticket 4711"}""";

    private final ObjectMapper json = new ObjectMapper();
    private String username;
    private String email;
    private String name;
    private String password;

    @Autowired
    private LedgerExport exporter;
    @Autowired
    private Seals seals;
    @Autowired
    private AnchorSigner signer;
    @Autowired
    private ProjectionRebuilder rebuilder;
    @Autowired
    private ProjectionCatalog catalog;

    /** A person of each test's own (the class shares one ledger). */
    @BeforeEach
    void newPerson() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        username = "erin" + suffix.chars().map(c -> Character.isDigit(c) ? c - '0' + 'g' : c)
                                  .mapToObj(Character::toString).collect(Collectors.joining());
        email = username + "@example.com";
        name = "Erin Quatermain-" + suffix.toUpperCase(Locale.ROOT);
        password = "erasure password " + suffix;
    }

    @Test
    void anErasedPersonIsGoneFromEveryTableEventAndLogWhileTheirEventsAndTheProofStay(CapturedOutput output)
            throws IOException {
        String userId = person();
        Tokens tokens = tokensOf();
        long eventsOfPerson = eventsOf(userId);
        assertThat(storedUsername(userId)).startsWith("enc:v1:user:" + userId + ":");
        assertThat(DatabaseText.tablesHolding(jdbc, email)).as("only the live read table holds it").containsExactly(
                "users");
        JsonNode beforeRow = usersRow(userId);

        JsonNode erased = erase(userId, ERASURE, 200);

        assertThat(erased.path("erased_now").asBoolean()).isTrue();
        assertThat(erased.path("grants_revoked").asLong()).isPositive();
        assertThat(erased.path("sessions_ended").asLong()).isPositive();
        assertThat(erased.path("unencrypted_events").asLong()).as("all written encrypted").isZero();
        for (String personal : List.of(username, email, name)) {
            assertThat(DatabaseText.tablesHolding(jdbc, personal)).as("tables holding " + personal).isEmpty();
            assertThat(output.getAll()).as("the logs").doesNotContain(personal);
        }
        assertThat(active(tokens.getAccessToken().getValue())).isFalse();
        assertThat(error(client.refresh(tokens.getRefreshToken(), null))).isEqualTo("invalid_grant");
        assertThat(eventsOf(userId)).as("their events stay, and the erasure is one more").isEqualTo(eventsOfPerson + 1);
        awaitChained();
        assertVerifiedOnlineAndOffline();
        assertThat(jdbc.queryForList("SELECT revocation_reason FROM tokens WHERE user_id = ?", String.class, userId))
                .as("the analysts still count their token, revoked").containsExactly("USER_ERASED");
        JsonNode afterRow = usersRow(userId);
        assertThat(afterRow.path("username").asText()).isEqualTo("erased:" + userId);
        assertThat(afterRow.path("erased_at").isNull()).isFalse();
        assertThat(withoutPersonalColumns(afterRow)).isEqualTo(withoutPersonalColumns(beforeRow));
    }

    @Test
    void everyReadOfTheLedgerShowsTheirPersonalDataAsErased() throws IOException {
        String userId = person();
        tokensOf();
        JsonNode live = history(userId);
        assertThat(live.toString()).contains(username, email, name);
        awaitAuditLogCaughtUp();
        assertThat(jdbc.queryForObject("SELECT details ->> 'username' FROM audit_log WHERE aggregate_id = ? "
                + "AND event_type = 'UserRegistered'", String.class, userId))
                .as("the analysts' view, while the person lives").isEqualTo("[encrypted]");

        erase(userId, ERASURE, 200);

        JsonNode history = history(userId);
        assertThat(history.toString()).doesNotContain(username).doesNotContain(email).doesNotContain(name);
        JsonNode registered = history.path("items").get(0).path("payload");
        assertThat(registered.path("username").asText()).isEqualTo("[erased]");
        assertThat(registered.path("email").asText()).isEqualTo("[erased]");
        JsonNode asOf = json.readTree(ledger.manage(adminToken(), "GET", "/ledger/users/" + userId, null).body());
        assertThat(asOf.path("status").asText()).isEqualTo("erased");
        assertThat(asOf.path("username").asText()).isEqualTo("[erased]");
        JsonNode audit = json.readTree(ledger.manage(adminToken(), "GET",
                "/ledger/audit?event_type=SessionStarted&user_id=" + userId, null).body()).path("items").get(0);
        assertThat(audit.path("remote_address").asText()).isEqualTo("[erased]");
        JsonNode admin = json.readTree(ledger.manage(adminToken(), "GET", "/admin/users/" + userId, null).body());
        assertThat(admin.path("username").asText()).isEqualTo("erased:" + userId);
        assertThat(admin.path("name").isNull()).isTrue();
    }

    /** An administrator's note on the revocation of a person's grant is free text that may name them: erased too. */
    @Test
    void aRevocationNoteAboutThePersonIsErasedWithThem() throws IOException {
        String userId = person();
        tokensOf();
        String grantId = jdbc.queryForObject("SELECT grant_id::text FROM tokens WHERE user_id = ?", String.class,
                userId);
        String tokenId = jdbc.queryForObject("SELECT token_id::text FROM tokens WHERE user_id = ?", String.class,
                userId);
        String note = name + " reported the laptop stolen";
        HttpResponse<String> revoked = ledger.manage(adminToken(), "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"" + note + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'note' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%GrantRevoked'""", String.class, grantId))
                .startsWith("enc:v1:user:" + userId + ":");
        assertThat(grantHistory(grantId)).contains(note);

        erase(userId, ERASURE, 200);

        assertThat(DatabaseText.tablesHolding(jdbc, "reported the laptop")).isEmpty();
        assertThat(grantHistory(grantId)).doesNotContain(note).contains("\"note\":\"[erased]\"");
    }

    /** The read table a rebuild makes after the erasure is the one the erasure left: no plaintext comes back. */
    @Test
    void aRebuildAfterTheErasureMakesTheSameUsersTable() {
        String userId = person();
        tokensOf();
        erase(userId, ERASURE, 200);
        List<String> before = jdbc.queryForList("SELECT to_jsonb(u)::text FROM users u ORDER BY user_id",
                String.class);

        assertThat(rebuilder.rebuild(catalog.named("users").orElseThrow()).state()).isEqualTo("done");

        assertThat(jdbc.queryForList("SELECT to_jsonb(u)::text FROM users u ORDER BY user_id", String.class))
                .isEqualTo(before);
        assertThat(DatabaseText.tablesHolding(jdbc, email)).isEmpty();
    }

    /** ASVS 8.3: the erasure's record outlives the person's data, so it may not name them; and it needs a reason. */
    @Test
    void anErasureMustSayWhyAndAtWhoseRequestWithoutNamingThePerson() {
        String userId = person();

        assertThat(erase(userId, "{\"requested_by\":\"ticket 1\"}", 400).path("error").asText())
                .isEqualTo("invalid_request");
        assertThat(erase(userId, "{\"reason\":\"asked by " + email.toUpperCase(Locale.ROOT)
                + "\",\"requested_by\":\"ticket 1\"}", 400).path("error_description").asText())
                .contains("names the person");
        assertThat(erase(userId, "{\"reason\":\"GDPR\",\"requested_by\":\"" + name + "\"}", 400)
                .path("error_description").asText()).contains("names the person");
        assertThat(jdbc.queryForObject("SELECT erased_at IS NULL FROM users WHERE user_id = ?", Boolean.class,
                userId)).isTrue();
    }

    @Test
    void erasingTwiceRecordsNothingMoreAndAnErasedAccountChangesNoMore() {
        String userId = person();
        erase(userId, ERASURE, 200);
        long events = eventsOf(userId);

        assertThat(erase(userId, ERASURE, 200).path("erased_now").asBoolean()).isFalse();
        assertThat(eventsOf(userId)).isEqualTo(events);
        HttpResponse<String> profile = ledger.manage(adminToken(), "PUT", "/admin/users/" + userId + "/profile",
                "{\"name\":\"" + name + "\"}");
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(400);
        assertThat(DatabaseText.tablesHolding(jdbc, name)).isEmpty();
    }

    /**
     * Someone who can set a profile copies another person's stored ciphertext into a name, hoping to have it stored as
     * it is and read as that person's data: it is encrypted like any value, and reads back as typed, never decrypted.
     */
    @Test
    void aCopiedCiphertextIsEncryptedAgainAndNeverReadAsItsOwnersData() throws IOException {
        String victim = person();
        String stolen = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'name' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%UserProfileUpdated'""", String.class, victim);
        assertThat(stolen).startsWith("enc:v1:user:" + victim + ":");

        String thief = person(username + "b", stolen);

        String stored = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'name' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%UserProfileUpdated'""", String.class, thief);
        assertThat(stored).startsWith("enc:v1:user:" + thief + ":").isNotEqualTo(stolen);
        assertThat(history(thief).toString()).contains(stolen).doesNotContain(name);
    }

    /**
     * Someone copies a person's ciphertext into the note of a revocation of a client's own token, which names no
     * person and so is stored as written: it reads as written, never decrypted as that person's username.
     */
    @Test
    void aCiphertextCopiedWhereNoPersonIsNamedReadsAsWritten() {
        String victim = person();
        String stolen = storedUsername(victim);
        var billing = ledger.register(adminToken(), "read");
        ledger.accessToken(LedgerClient.basic(billing), "read");
        String tokenId = jdbc.queryForObject("SELECT token_id::text FROM tokens WHERE client_id = ?", String.class,
                billing.getID().getValue());

        HttpResponse<String> revoked = ledger.manage(adminToken(), "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"" + stolen + "\"}");

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        HttpResponse<String> history = ledger.manage(adminToken(), "GET", "/ledger/tokens/" + tokenId + "/history",
                null);
        assertThat(history.body()).contains(stolen).doesNotContain(username);
    }

    /**
     * An account whose events were written before the ledger encrypted personal data (simulated: its registration
     * stored as it was then, for the time of the erasure, then put back, so the ledger still verifies) is erased,
     * and the answer says how many of its events the erasure could not reach, rather than claim them erased.
     */
    @Test
    void anErasureSaysWhichEventsItCouldNotReach() {
        String userId = person();
        awaitChained();
        String where = " WHERE aggregate_identifier = ? AND sequence_number = 0";
        byte[] stored = jdbc.queryForObject("SELECT payload FROM domain_event_entry" + where, byte[].class, userId);
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb,"
                + " '{username}', to_jsonb(?::text))::text, 'UTF8')" + where, username, userId);

        JsonNode erased = erase(userId, ERASURE, 200);

        jdbc.update("UPDATE domain_event_entry SET payload = ?" + where, stored, userId);
        assertThat(erased.path("unencrypted_events").asLong()).isEqualTo(1);
    }

    /** A person with a profile: their id. */
    private String person() {
        return person(username, name);
    }

    private String person(String username, String name) {
        String admin = adminToken();
        ledger.createUser(admin, username, password);
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, username);
        HttpResponse<String> profile = ledger.manage(admin, "PUT", "/admin/users/" + userId + "/profile",
                "{\"name\":\"" + name + "\",\"email_verified\":true}");
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        return userId;
    }

    private Tokens tokensOf() {
        CodeVerifier verifier = new CodeVerifier();
        return success(client.exchange(client.signIn(new Browser(), username, password, "read write", verifier),
                verifier));
    }

    private JsonNode erase(String userId, String body, int status) {
        HttpResponse<String> response = ledger.manage(adminToken(), "POST", "/admin/users/" + userId + "/erase",
                body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode history(String userId) throws IOException {
        HttpResponse<String> response = ledger.manage(adminToken(), "GET", "/ledger/users/" + userId + "/history",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String grantHistory(String grantId) {
        HttpResponse<String> response = ledger.manage(adminToken(), "GET", "/ledger/grants/" + grantId + "/history",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private void assertVerifiedOnlineAndOffline() throws IOException {
        HttpResponse<String> online = ledger.manage(adminToken(), "GET", "/ledger/verify", null);
        assertThat(online.statusCode()).as(online.body()).isEqualTo(200);
        assertThat(online.body()).contains("\"status\":\"OK\"");
        Path export = Files.createTempDirectory("ledger-export");
        exporter.export(export, (what, done) -> { });
        Verification offline = new ExportVerifier().verify(export, seals,
                AnchorSigner.verifying(signer.publicKeyPem()), (what, done) -> { });
        assertThat(offline.status()).as(offline.toString()).isEqualTo("OK");
    }

    private long eventsOf(String userId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, userId);
    }

    private String storedUsername(String userId) {
        return jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'username' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""", String.class, userId);
    }

    private JsonNode usersRow(String userId) throws IOException {
        return json.readTree(jdbc.queryForObject("SELECT to_jsonb(u)::text FROM users u WHERE user_id = ?",
                String.class, userId));
    }

    private static JsonNode withoutPersonalColumns(JsonNode row) {
        ObjectNode kept = row.deepCopy();
        // What an erasure changes: the personal columns, and the account's standing (roles, a verified email).
        kept.remove(List.of("username", "email", "name", "password_hash", "disabled_at", "erased_at", "updated_at",
                "email_verified", "roles"));
        return kept;
    }
}
