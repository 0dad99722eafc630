package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 25: where a request came from (address, user agent) is personal data. It is stored encrypted under the key of
 * the person the event is about, or of its day for requests no person is known for; the auditors' API reads it, the
 * database does not, and once the key is destroyed it reads as erased while the events and the proof stay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestContextEncryptionTest extends CodeFlowTestBase {

    private static final String AGENT = "pii-probe/7.3 (+https://example.test/who-am-i)";
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private PersonalDataKeys keys;

    @Test
    void anAnonymousRequestsAddressAndUserAgentAreStoredOnlyEncryptedUnderItsDaysKey() throws IOException {
        ClientInformation client = ledger.register(adminToken(), "read");

        ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                LedgerClient.basicHeader(client), "X-Request-Id", "pii-anon-1", "User-Agent", AGENT);

        Map<String, Object> stored = storedMetaData("pii-anon-1");
        String day = ((String) stored.get("userAgent")).split(":")[3];
        assertThat(LocalDate.parse(day)).isBetween(LocalDate.now(ZoneOffset.UTC).minusDays(1),
                LocalDate.now(ZoneOffset.UTC));
        assertThat((String) stored.get("userAgent")).startsWith("enc:v1:anonymous:" + day + ":");
        assertThat((String) stored.get("remoteAddress")).startsWith("enc:v1:anonymous:" + day + ":");
        assertThat(eventsHolding(AGENT)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE position(convert_to('127.0.0.1', "
                + "'UTF8') IN meta_data) > 0", Long.class)).as("no metadata holds the address").isZero();
        assertThat(jdbc.queryForObject("SELECT destroy_after FROM personal_data_keys WHERE key_id = ?", Instant.class,
                "anonymous:" + day)).isEqualTo(LocalDate.parse(day).plusDays(31).atStartOfDay()
                                                        .toInstant(ZoneOffset.UTC));
        JsonNode audit = auditEntry(client);
        assertThat(audit.path("remote_address").asText()).isEqualTo("127.0.0.1");
        assertThat(audit.path("user_agent").asText()).isEqualTo(AGENT);
        assertThat(jdbc.queryForObject("SELECT user_agent FROM audit_log WHERE request_id = 'pii-anon-1'",
                String.class)).isEqualTo("[encrypted]");
    }

    @Test
    void aSignedInPersonsRequestsAreEncryptedUnderTheirOwnKey() {
        Browser browser = new Browser();
        var page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));

        browser.signIn(page, USER, PASSWORD);

        String userId = jdbc.queryForObject("SELECT user_id::text FROM users WHERE username = ?", String.class, USER);
        String agent = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'userAgent' FROM domain_event_entry
                WHERE payload_type LIKE '%SessionStarted' ORDER BY global_index DESC LIMIT 1""", String.class);
        assertThat(agent).startsWith("enc:v1:user:" + userId + ":");
        assertThat(eventsHolding("Java-http-client")).isZero();
        assertThat(jdbc.queryForObject("SELECT destroy_after FROM personal_data_keys WHERE key_id = ?", Instant.class,
                "user:" + userId)).isNull();
    }

    /**
     * A client sends a user agent (and a request id) that look like the ledger's ciphertext, hoping to have its
     * request's record stored in plaintext and read as erased: every value is encrypted whatever it looks like, and
     * reads back as sent; the request id, not personal, is never decrypted.
     */
    @Test
    void aUserAgentThatLooksEncryptedIsEncryptedAndReadsAsSent() throws IOException {
        ClientInformation client = ledger.register(adminToken(), "read");
        String forged = "enc:v1:anonymous:2020-01-01:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                LedgerClient.basicHeader(client), "X-Request-Id", "enc:v1:x:pii-anon-5", "User-Agent", forged);

        Map<String, Object> stored = storedMetaData("enc:v1:x:pii-anon-5");
        assertThat((String) stored.get("userAgent")).startsWith("enc:v1:anonymous:").isNotEqualTo(forged);
        JsonNode audit = auditEntry(client);
        assertThat(audit.path("user_agent").asText()).isEqualTo(forged);
        assertThat(audit.path("request_id").asText()).isEqualTo("enc:v1:x:pii-anon-5");
    }

    /**
     * Retention destroys a day's key: the events, their bytes and the proof stay; what it encrypted reads erased. Last,
     * since it destroys today's key, which the other tests write under.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aDestroyedDayKeyErasesTheContextAndVerifyStaysOk() throws IOException {
        ClientInformation client = ledger.register(adminToken(), "read");
        ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                LedgerClient.basicHeader(client), "X-Request-Id", "pii-anon-2", "User-Agent", AGENT);
        byte[] before = storedBytes("pii-anon-2");
        String day = ((String) storedMetaData("pii-anon-2").get("userAgent")).split(":")[3];

        List<String> destroyed = keys.destroyExpired(Instant.now().plus(Duration.ofDays(32)));

        assertThat(destroyed).contains("anonymous:" + day);
        assertThat(storedBytes("pii-anon-2")).isEqualTo(before);
        JsonNode audit = auditEntry(client);
        assertThat(audit.path("user_agent").asText()).isEqualTo("[erased]");
        assertThat(audit.path("remote_address").asText()).isEqualTo("[erased]");
        ledger.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                LedgerClient.basicHeader(client), "X-Request-Id", "pii-anon-3", "User-Agent", AGENT);
        assertThat(storedMetaData("pii-anon-3").get("userAgent")).isEqualTo("[erased]");
        awaitChained();
        HttpResponse<String> verify = ledger.manage(adminToken(), "GET", "/ledger/verify", null);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(verify.body()).contains("\"status\":\"OK\"");
    }

    /**
     * A database writer copies a key's wrapped bytes under another id, hoping to have data read under a key they know
     * of: the wrap is bound to its id, so the copy does not open; it reads as no key (erased), never as another key,
     * never as a 500.
     */
    @Test
    void aWrappedKeyCopiedToAnotherIdDoesNotOpen_ASVS6_2() {
        String original = "user:" + UUID.randomUUID();
        String copy = "user:" + UUID.randomUUID();
        TreeMap<String, Instant> wanted = new TreeMap<>();
        wanted.put(original, null);
        assertThat(keys.keysFor(wanted).get(original)).isPresent();

        jdbc.update("INSERT INTO personal_data_keys (key_id, wrapped_key, wrap_key_id) "
                + "SELECT ?, wrapped_key, wrap_key_id FROM personal_data_keys WHERE key_id = ?", copy, original);

        assertThat(keys.find(copy)).isEmpty();
        assertThat(keys.find(original)).isPresent();
    }

    private long eventsHolding(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE position(convert_to(?, 'UTF8') IN "
                + "payload) > 0 OR position(convert_to(?, 'UTF8') IN meta_data) > 0", Long.class, text, text);
    }

    private Map<String, Object> storedMetaData(String requestId) throws IOException {
        return json.readValue(new String(storedBytes(requestId), StandardCharsets.UTF_8), Map.class);
    }

    private byte[] storedBytes(String requestId) {
        return jdbc.queryForObject("SELECT meta_data FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')"
                + "::jsonb ->> 'requestId' = ? ORDER BY global_index LIMIT 1", byte[].class, requestId);
    }

    /** The first token issued to this client, as the auditors' API gives it. */
    private JsonNode auditEntry(ClientInformation client) throws IOException {
        String path = "/ledger/audit?event_type=TokenIssued&client_id=" + client.getID().getValue();
        await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(ledger.manage(adminToken(), "GET", path,
                null).body()).path("items").size() > 0);
        HttpResponse<String> page = ledger.manage(adminToken(), "GET", path, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return json.readTree(page.body()).path("items").get(0);
    }
}
