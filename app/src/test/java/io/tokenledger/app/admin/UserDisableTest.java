package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.events.Actor;
import io.tokenledger.events.user.DisableUser;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator disables a user account over real HTTP: it signs in no more, and what it granted ends, each
 * grant's history saying why (ASVS V2.1, V3.3: an account's sessions end with it).
 */
class UserDisableTest extends CodeFlowTestBase {

    private static final String PASS = "a long passphrase for this user";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDisabledUsersTokensEndAndTheyCannotSignInAgain_ASVS_3_3() throws IOException {
        String admin = adminToken();
        String username = newUser(admin);
        String userId = userId(username);
        CodeVerifier verifier = new CodeVerifier();
        Tokens tokens = success(client.exchange(signIn(username, verifier), verifier));

        HttpResponse<String> disabled = ledger.manage(admin, "POST", "/admin/users/" + userId + "/disable", null);
        HttpResponse<String> again = ledger.manage(admin, "POST", "/admin/users/" + userId + "/disable", null);

        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        JsonNode body = json.readTree(disabled.body());
        assertThat(body.get("disabled_now").asBoolean()).isTrue();
        assertThat(body.get("grants_revoked").asInt()).isEqualTo(1);
        assertThat(body.get("sessions_ended").asInt()).as("its sign-in session").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT end_reason FROM sessions WHERE user_id = ?", String.class, userId))
                .isEqualTo("USER_DISABLED");
        assertThat(active(tokens.getAccessToken().getValue())).isFalse();
        assertThat(error(client.refresh(tokens.getRefreshToken(), null))).isEqualTo("invalid_grant");
        assertThat(json.readTree(again.body()).get("disabled_now").asBoolean()).isFalse();
        assertThat(json.readTree(again.body()).get("grants_revoked").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT disabled_at IS NOT NULL FROM users WHERE user_id = ?", Boolean.class,
                userId)).isTrue();
        String grantId = jdbc.queryForObject("SELECT grant_id::text FROM tokens WHERE user_id = ? LIMIT 1",
                String.class, userId);
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry
                WHERE payload_type LIKE '%GrantRevoked' AND aggregate_identifier = ?""", String.class, grantId))
                .isEqualTo("USER_DISABLED");
        HttpResponse<String> signIn = attempt(username, PASS);
        HttpResponse<String> wrongPassword = attempt(username, "not the password at all");
        assertThat(signIn.statusCode()).as("the login form again, not a redirect with a code")
                                       .isNotEqualTo(302).isEqualTo(wrongPassword.statusCode());
    }

    /** Its grant is revoked too, so a redemption that read the account just before the disable is refused. */
    @Test
    void aCodeIssuedBeforeTheUserWasDisabledIsWorthNothingAfter() throws IOException {
        String admin = adminToken();
        String username = newUser(admin);
        String userId = userId(username);
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = signIn(username, verifier);

        HttpResponse<String> disabled = ledger.manage(admin, "POST", "/admin/users/" + userId + "/disable", null);

        assertThat(json.readTree(disabled.body()).get("grants_revoked").asInt()).isEqualTo(1);
        assertThat(error(client.exchange(code, verifier))).isEqualTo("invalid_grant");
    }

    /** The token endpoint checks the account itself, before any grant is revoked: nothing waits on the revocations. */
    @Test
    void theTokenEndpointRefusesADisabledUsersRefreshTokenBeforeItsGrantIsRevoked(@Autowired CommandGateway commands) {
        String username = newUser(adminToken());
        String userId = userId(username);
        CodeVerifier verifier = new CodeVerifier();
        Tokens tokens = success(client.exchange(signIn(username, verifier), verifier));

        commands.sendAndWait(new DisableUser(userId, Instant.now(), Actor.operator("test")));
        TokenResponse refresh = client.refresh(tokens.getRefreshToken(), null);

        assertThat(refresh.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(refresh.toErrorResponse().getErrorObject().getDescription()).contains("disabled");
        assertThat(active(tokens.getAccessToken().getValue())).as("no grant was revoked").isTrue();
    }

    @Test
    void anUnknownUserIsNotFoundAndOnlyAdministratorsMayDisable() {
        String admin = adminToken();
        assertThat(ledger.manage(admin, "POST", "/admin/users/" + UUID.randomUUID() + "/disable", null).statusCode())
                .isEqualTo(404);
        String auditor = ledger.accessToken(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:audit");
        String userId = userId(newUser(admin));
        assertThat(ledger.manage(auditor, "POST", "/admin/users/" + userId + "/disable", null).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT disabled_at FROM users WHERE user_id = ?", Object.class, userId))
                .isNull();
    }

    private String newUser(String admin) {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        ledger.createUser(admin, username, PASS);
        return username;
    }

    private String userId(String username) {
        return jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, username);
    }

    private HttpResponse<String> attempt(String username, String password) {
        Browser browser = new Browser();
        return browser.signIn(browser.get(client.authorizationRequest("read", new CodeVerifier(), new State())),
                username, password);
    }

    private AuthorizationCode signIn(String username, CodeVerifier verifier) {
        return client.signIn(new Browser(), username, PASS, "read write", verifier);
    }
}
