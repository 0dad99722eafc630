package io.tokenledger.app.admin;

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
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserRegistered'
                AND convert_from(payload, 'UTF8')::jsonb ->> 'username' = 'racer'""", Long.class)).isEqualTo(1L);
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
