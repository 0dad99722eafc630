package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class UsersEndpointTest extends LedgerIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAdministratorCreatesAUserWhosePasswordIsStoredAsABcryptHash() {
        HttpResponse<String> response = create(adminToken(), "ada", "ada@example.com", "correct horse battery");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"user_id\"").contains("\"username\":\"ada\"")
                                   .doesNotContain("correct horse").doesNotContain("password");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM users WHERE username = 'ada'");
        assertThat((String) row.get("password_hash")).startsWith("bcrypt:$2");
        assertThat(row.get("email")).isEqualTo("ada@example.com");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserRegistered'
                AND convert_from(payload, 'UTF8') LIKE '%correct horse%'""", Long.class)).isZero();
    }

    @Test
    void usernameAndEmailAreUniqueWhateverTheirCase() {
        String admin = adminToken();
        assertThat(create(admin, "grace", "grace@example.com", "password-1").statusCode()).isEqualTo(201);
        long events = eventCount();

        HttpResponse<String> sameName = create(admin, "GRACE", "other@example.com", "password-1");
        HttpResponse<String> sameEmail = create(admin, "hopper", "Grace@Example.com", "password-1");

        assertThat(sameName.statusCode()).isEqualTo(409);
        assertThat(sameEmail.statusCode()).isEqualTo(409);
        assertThat(eventCount()).as("a refused registration leaves no event behind").isEqualTo(events);
    }

    @Test
    void concurrentRegistrationsOfOneUsernameYieldExactlyOneAccount() throws Exception {
        String admin = adminToken();
        long registrations = registrations();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String email = "racer" + i + "@example.com";
            attempts.add(() -> create(admin, "racer", email, "password-1").statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(registrations()).as("the refused left no event").isEqualTo(registrations + 1);
    }

    /** Every registration in the ledger: the username in each is encrypted (issue 25), so none is searched by it. */
    private long registrations() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserRegistered'",
                Long.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"username\":\"\",\"email\":\"a@example.com\",\"password\":\"password-1\"}",
            "{\"username\":\"x' OR 1=1--\",\"email\":\"a@example.com\",\"password\":\"password-1\"}",
            "{\"username\":\"bob\",\"email\":\"not-an-email\",\"password\":\"password-1\"}",
            "{\"username\":\"bob\",\"email\":\"bob@example.com\",\"password\":\"short\"}",
            "{\"username\":\"bob\"}",
            "not json at all",
            "[]"})
    void badInputIsA400AndRecordsNothing(String body) {
        String admin = adminToken();
        long events = eventCount();

        HttpResponse<String> response = post(admin, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"").doesNotContain("password-1");
        assertThat(eventCount()).isEqualTo(events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PassWord", "Iloveyou1", "qwertyuiop", "BASEBALL", "carol@example.com"})
    void asvs_2_1_7_aCommonOrGuessablePasswordIsRefused(String password) {
        String admin = adminToken();
        long events = eventCount();

        HttpResponse<String> response = create(admin, "carol", "carol@example.com", password);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"").contains("too common")
                                   .doesNotContain(password);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void onlyLedgerAdminTokensMayCreateUsers() {
        var client = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");

        assertThat(create(token, "eve", "eve@example.com", "password-1").statusCode()).isEqualTo(403);
        assertThat(create("not-a-token", "eve", "eve@example.com", "password-1").statusCode()).isEqualTo(401);
    }

    @Test
    void accountsArePagedByCursorAndFoundByTheStartOfTheirNameWithoutTheirPasswordHash() throws Exception {
        String admin = adminToken();
        for (String name : List.of("pg-a1", "pg-a2", "pg-a3", "pg-b1")) {
            assertThat(create(admin, name, name + "@example.com", "a long passphrase " + name).statusCode())
                    .isEqualTo(201);
        }

        JsonNode first = json.readTree(ledger.manage(admin, "GET", "/admin/users?q=PG-A&limit=2", null).body());
        JsonNode second = json.readTree(ledger.manage(admin, "GET", "/admin/users?q=pg-a&limit=2&after="
                + first.get("next").asText(), null).body());

        assertThat(first.get("items").findValuesAsText("username")).containsExactly("pg-a1", "pg-a2");
        assertThat(second.get("items").findValuesAsText("username")).containsExactly("pg-a3");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(first.toString()).doesNotContain("password").doesNotContain("bcrypt");
        assertThat(json.readTree(ledger.manage(admin, "GET", "/admin/users?q=pg_&limit=5", null).body())
                       .get("items")).as("_ is no wildcard").isEmpty();
        assertThat(ledger.manage(admin, "GET", "/admin/users?limit=0", null).statusCode()).isEqualTo(400);
    }

    /** ASVS V2.5: a reset password meets the rules of a new one; only its hash is recorded. */
    @Test
    void anAdministratorResetsAPasswordToAGoodOneOnly_ASVS_2_5() throws Exception {
        String admin = adminToken();
        create(admin, "rosa", "rosa@example.com", "the first passphrase");
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = 'rosa'", String.class);

        HttpResponse<String> reset = ledger.manage(admin, "PUT", "/admin/users/" + userId + "/password",
                "{\"password\":\"a second, better passphrase\"}");
        HttpResponse<String> common = ledger.manage(admin, "PUT", "/admin/users/" + userId + "/password",
                "{\"password\":\"password123\"}");

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(json.readTree(reset.body()).get("sessions_ended").asLong()).isZero();
        String hash = jdbc.queryForObject("SELECT password_hash FROM users WHERE user_id = ?", String.class, userId);
        assertThat(Secrets.matches("a second, better passphrase", hash)).isTrue();
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserPasswordReset'
                AND convert_from(payload, 'UTF8') LIKE '%better passphrase%'""", Long.class)).isZero();
        assertThat(ledger.manage(admin, "PUT", "/admin/users/nobody/password", "{\"password\":\"x\"}")
                         .statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> create(String token, String username, String email, String password) {
        return post(token, "{\"username\":\"%s\",\"email\":\"%s\",\"password\":\"%s\"}".formatted(username, email, password));
    }

    private HttpResponse<String> post(String token, String body) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri("/admin/users"))
                                     .header("Authorization", "Bearer " + token)
                                     .header("Content-Type", "application/json")
                                     .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
