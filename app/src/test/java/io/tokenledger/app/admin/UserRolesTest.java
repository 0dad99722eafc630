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
        String username = newUser(admin);
        String userId = userId(username);
        String token = consoleToken(username);

        int before = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();
        roles(admin, userId, "[\"auditor\"]");
        int asAuditor = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();
        int adminAsAuditor = ledger.manage(token, "GET", "/admin/projections", null).statusCode();
        roles(admin, userId, "[\"admin\"]");
        int adminAsAdmin = ledger.manage(token, "GET", "/admin/projections", null).statusCode();
        int auditAsAdmin = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();
        roles(admin, userId, "[]");
        int after = ledger.manage(token, "GET", "/ledger/verify", null).statusCode();

        assertThat(before).as("no role: the client's scope opens nothing").isEqualTo(403);
        assertThat(asAuditor).isEqualTo(200);
        assertThat(adminAsAuditor).isEqualTo(403);
        assertThat(adminAsAdmin).isEqualTo(200);
        assertThat(auditAsAdmin).as("an administrator reads what an auditor reads").isEqualTo(200);
        assertThat(after).as("a role taken away closes the door at once, token and all").isEqualTo(403);
    }

    @Test
    void whatAUserDoesWithTheAdminApiIsRecordedWithTheUserAsItsActor() throws IOException {
        String admin = adminToken();
        String username = newUser(admin);
        String userId = userId(username);
        roles(admin, userId, "[\"admin\"]");
        String token = consoleToken(username);
        String otherId = userId(newUser(admin));

        assertThat(roles(token, otherId, "[\"auditor\"]").get("changed").asBoolean()).isTrue();

        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'kind' || ':'
                       || (convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'id')
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%UserRolesChanged'""",
                String.class, otherId)).isEqualTo("user:" + userId);
    }

    private String consoleToken(String username) {
        CodeVerifier verifier = new CodeVerifier();
        Tokens tokens = success(console.exchange(console.signIn(new Browser(), username, PASS,
                "ledger:audit ledger:admin", verifier), verifier));
        return tokens.getAccessToken().getValue();
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
