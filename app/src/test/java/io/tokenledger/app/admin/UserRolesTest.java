package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles on users, recorded as events: a client registered with the ledger's scopes gets nothing from them for a
 * user without the role (ASVS V4.1.3, least privilege; RFC 9700 §2.3, privilege restriction), and what a user does
 * with the admin API is recorded with the user as its actor.
 */
class UserRolesTest extends CodeFlowTestBase {

    private static final String PASS = "a long passphrase for this user";
    private final ObjectMapper json = new ObjectMapper();
    private CodeFlowClient console;

    @BeforeAll
    void registerAClientWithTheLedgersScopes() {
        var registered = ledger.registerCodeClient(adminToken(), "ledger:audit ledger:admin", true);
        console = new CodeFlowClient(ledger, registered, LedgerClient.basic(registered));
    }

    @Test
    void rolesAreSetWholeAndRecordedOnlyWhenTheyChange() throws IOException {
        String admin = adminToken();
        String userId = userId(newUser(admin));

        JsonNode set = roles(admin, userId, "[\"admin\",\"auditor\"]");
        JsonNode again = roles(admin, userId, "[\"auditor\",\"admin\"]");
        JsonNode none = roles(admin, userId, "[]");

        assertThat(set.get("roles").toString()).isEqualTo("[\"auditor\",\"admin\"]");
        assertThat(set.get("changed").asBoolean()).isTrue();
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(none.get("roles").size()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                                       + "AND payload_type LIKE '%UserRolesChanged'", Integer.class, userId))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT cardinality(roles) FROM users WHERE user_id = ?", Integer.class,
                userId)).isZero();
    }

    @Test
    void anUnknownRoleOrUserOrAMissingBodyIsAClearError() {
        String admin = adminToken();
        String userId = userId(newUser(admin));

        HttpResponse<String> unknown = put(admin, userId, "{\"roles\":[\"root\"]}");
        HttpResponse<String> empty = put(admin, userId, "{}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("invalid_request").contains("auditor and admin");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(put(admin, UUID.randomUUID().toString(), "{\"roles\":[]}").statusCode()).isEqualTo(404);
        String auditor = ledger.accessToken(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:audit");
        assertThat(put(auditor, userId, "{\"roles\":[\"admin\"]}").statusCode()).as("only administrators")
                                                                              .isEqualTo(403);
    }

    @Test
    void aUsersTokenOpensTheLedgersApisOnlyWhileTheUserHasTheRole_ASVS_4_1_3() throws IOException {
        String admin = adminToken();
        String userId = userId(newUser(admin));
        roles(admin, userId, "[\"admin\"]");
        String token = consoleToken(username(userId)).getAccessToken().getValue();

        int adminAsAdmin = ledger.manage(token, "GET", "/admin/projections", null).statusCode();
        int auditAsAdmin = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();
        roles(admin, userId, "[\"auditor\"]");
        int adminAsAuditor = ledger.manage(token, "GET", "/admin/projections", null).statusCode();
        int auditAsAuditor = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();
        roles(admin, userId, "[]");
        int auditWithNone = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();

        assertThat(adminAsAdmin).isEqualTo(200);
        assertThat(auditAsAdmin).as("an administrator reads what an auditor reads").isEqualTo(200);
        assertThat(adminAsAuditor).as("a role taken away closes its door at once, token and all").isEqualTo(403);
        assertThat(auditAsAuditor).isEqualTo(200);
        assertThat(auditWithNone).isEqualTo(403);
    }

    /** RFC 6749 §3.3: fewer scopes than asked, and the token response says which. */
    @Test
    void aUsersTokenIsGrantedOnlyTheLedgerScopesTheirRolesOpen_RFC6749Section3_3() throws IOException {
        String admin = adminToken();
        String nobody = newUser(admin);
        String auditor = newUser(admin);
        roles(admin, userId(auditor), "[\"auditor\"]");

        Tokens withoutRole = consoleToken(nobody);
        Tokens asAuditor = consoleToken(auditor);

        assertThat(withoutRole.getAccessToken().getScope()).as("nothing of the ledger's").isEmpty();
        assertThat(asAuditor.getAccessToken().getScope().toStringList()).containsExactly("ledger:audit");
        assertThat(ledger.manage(withoutRole.getAccessToken().getValue(), "GET", "/ledger/verify", null)
                         .statusCode()).isEqualTo(403);
    }

    @Test
    void whatAUserDoesWithTheAdminApiIsRecordedWithTheUserAsItsActor() throws IOException {
        String admin = adminToken();
        String username = newUser(admin);
        String userId = userId(username);
        roles(admin, userId, "[\"admin\"]");
        String token = consoleToken(username).getAccessToken().getValue();
        String otherId = userId(newUser(admin));

        assertThat(roles(token, otherId, "[\"auditor\"]").get("changed").asBoolean()).isTrue();

        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'kind' || ':'
                       || (convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'id')
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%UserRolesChanged'""",
                String.class, otherId)).isEqualTo("user:" + userId);
    }

    /** The account as it was at an instant: its roles then, not now, folded from its events. */
    @Test
    void aUsersRolesAtAnInstantAreThoseOfThen() throws Exception {
        String admin = adminToken();
        String userId = userId(newUser(admin));
        roles(admin, userId, "[\"admin\"]");
        Instant whileAdmin = Instant.now();
        Thread.sleep(5);
        roles(admin, userId, "[\"auditor\"]");
        ledger.manage(admin, "POST", "/admin/users/" + userId + "/disable", null);

        JsonNode then = json.readTree(ledger.manage(admin, "GET", "/ledger/users/" + userId + "?asOf=" + whileAdmin,
                null).body());
        JsonNode now = json.readTree(ledger.manage(admin, "GET", "/ledger/users/" + userId, null).body());

        assertThat(then.get("status").asText()).isEqualTo("active");
        assertThat(then.get("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(now.get("status").asText()).isEqualTo("disabled");
        assertThat(now.get("roles").toString()).isEqualTo("[\"auditor\"]");
        assertThat(now.toString()).doesNotContain("bcrypt").doesNotContain("password_hash");
        assertThat(ledger.manage(admin, "GET", "/ledger/users/nobody", null).statusCode()).isEqualTo(404);
        assertThat(ledger.manage(admin, "GET", "/ledger/users/" + userId + "?asOf=yesterday", null).statusCode())
                .isEqualTo(400);
    }

    private Tokens consoleToken(String username) {
        CodeVerifier verifier = new CodeVerifier();
        return success(console.exchange(console.signIn(new Browser(), username, PASS, "ledger:audit ledger:admin",
                verifier), verifier));
    }

    private String username(String userId) {
        return jdbc.queryForObject("SELECT username FROM users WHERE user_id = ?", String.class, userId);
    }

    private JsonNode roles(String token, String userId, String roles) throws IOException {
        HttpResponse<String> response = put(token, userId, "{\"roles\":" + roles + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> put(String token, String userId, String body) {
        return ledger.manage(token, "PUT", "/admin/users/" + userId + "/roles", body);
    }

    private String newUser(String admin) {
        String username = "r" + UUID.randomUUID().toString().substring(0, 8);
        ledger.createUser(admin, username, PASS);
        return username;
    }

    private String userId(String username) {
        return jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, username);
    }
}
