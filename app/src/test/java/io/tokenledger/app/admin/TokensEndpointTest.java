package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator revokes a token by its id, and auditors find a token by its value, over real HTTP. */
class TokensEndpointTest extends CodeFlowTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAdministratorRevokesATokenByIdAndTheLedgerSaysWhoAndWhy() throws IOException {
        String admin = adminToken();
        ClientAuthentication client = LedgerClient.basic(ledger.register(admin, "read"));
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();

        HttpResponse<String> revoked = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke", null);

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json.readTree(revoked.body()).get("outcome").asText()).isEqualTo("REVOKED");
        assertThat(revoked.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(ledger.introspect(client, token).isActive()).isFalse();
        JsonNode history = json.readTree(get("/ledger/tokens/" + tokenId + "/history", admin).body());
        JsonNode revocation = history.get("items").get(history.get("items").size() - 1);
        assertThat(revocation.get("type").asText()).endsWith("TokenRevoked");
        assertThat(revocation.get("payload").get("reason").asText()).isEqualTo("REVOKED_BY_ADMIN");
        assertThat(revocation.get("payload").get("actor").toString()).isEqualTo("{\"kind\":\"admin\",\"id\":\"" + ADMIN_ID + "\"}");

        HttpResponse<String> again = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke", null);
        assertThat(json.readTree(again.body()).get("outcome").asText()).isEqualTo("ALREADY_REVOKED");
    }

    @Test
    void revokingATokenOfAGrantEndsTheWholeGrantAndKeepsTheReasonWritten() throws IOException {
        Tokens tokens = tokens(new CodeVerifier());
        String tokenId = ledger.introspect(webAppAuth, tokens.getAccessToken().getValue()).getJWTID().getValue();
        String admin = adminToken();

        HttpResponse<String> revoked = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"  laptop stolen, ticket 4711 \"}");

        String grantId = json.readTree(revoked.body()).get("grant_id").asText();
        assertThat(grantId).isNotBlank();
        assertThat(error(client.refresh(tokens.getRefreshToken(), null))).isEqualTo("invalid_grant");
        JsonNode grant = json.readTree(get("/ledger/grants/" + grantId + "/history", admin).body()).get("items");
        JsonNode revocation = grant.get(grant.size() - 1);
        assertThat(revocation.get("type").asText()).endsWith("GrantRevoked");
        assertThat(revocation.get("revision").asText()).isEqualTo("3");
        assertThat(revocation.get("payload").get("note").asText()).isEqualTo("laptop stolen, ticket 4711");
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER);
        assertThat(revocation.get("payload").get("userId").asText()).as("whose key the note is encrypted under")
                                                                  .isEqualTo(userId);
        assertThat(json.readTree(get("/ledger/tokens/" + tokenId, admin).body()).get("revocation_note").asText())
                .isEqualTo("laptop stolen, ticket 4711");
    }

    @Test
    void aReasonThatIsTooLongOrNotPrintableIsRefusedAndNothingIsRevoked() throws IOException {
        String admin = adminToken();
        ClientAuthentication client = LedgerClient.basic(ledger.register(admin, "read"));
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();

        HttpResponse<String> tooLong = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"" + "x".repeat(501) + "\"}");
        HttpResponse<String> control = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"line one\\nline two\"}");
        HttpResponse<String> bidi = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"approved \\u202Edevorppa\"}");
        HttpResponse<String> lineSeparator = ledger.manage(admin, "POST", "/admin/tokens/" + tokenId + "/revoke",
                "{\"reason\":\"one\\u2028two\"}");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(bidi.statusCode()).as("a bidi override would show a reader other words").isEqualTo(400);
        assertThat(lineSeparator.statusCode()).isEqualTo(400);
        assertThat(json.readTree(control.body()).get("error").asText()).isEqualTo("invalid_request");
        assertThat(ledger.introspect(client, token).isActive()).isTrue();
    }

    @Test
    void anUnknownOrMalformedIdIsAClearErrorAndOnlyAdministratorsMayRevoke() {
        String admin = adminToken();
        HttpResponse<String> unknown = ledger.manage(admin, "POST",
                "/admin/tokens/00000000-0000-0000-0000-000000000000/revoke", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("invalid_request");
        HttpResponse<String> malformed = ledger.manage(admin, "POST", "/admin/tokens/not-a-uuid/revoke", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("a token id is a UUID");

        String auditor = ledger.accessToken(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:audit");
        assertThat(ledger.manage(auditor, "POST", "/admin/tokens/00000000-0000-0000-0000-000000000000/revoke", null)
                         .statusCode()).isEqualTo(403);
    }

    @Test
    void anAuditorFindsATokenByEitherValueSentInTheBody() throws IOException {
        String auditor = adminToken();
        Tokens tokens = tokens(new CodeVerifier());
        String tokenId = ledger.introspect(webAppAuth, tokens.getAccessToken().getValue()).getJWTID().getValue();

        for (String value : new String[] {tokens.getAccessToken().getValue(), tokens.getRefreshToken().getValue()}) {
            HttpResponse<String> found = lookup(auditor, "token=" + value, "");
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(json.readTree(found.body()).get("token_id").asText()).isEqualTo(tokenId);
        }
        assertThat(lookup(auditor, "token=unknown", "").statusCode()).isEqualTo(404);
        HttpResponse<String> inTheUrl = lookup(auditor, "", "?token=" + tokens.getAccessToken().getValue());
        assertThat(inTheUrl.statusCode()).isEqualTo(400);
        assertThat(lookup(null, "token=unknown", "").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> lookup(String bearer, String body, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ledger.uri("/ledger/tokens/lookup" + query))
                                                 .header("Content-Type", "application/x-www-form-urlencoded")
                                                 .POST(HttpRequest.BodyPublishers.ofString(body));
        return ledger.raw(bearer == null ? request : request.header("Authorization", "Bearer " + bearer));
    }

    private HttpResponse<String> get(String path, String bearer) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path)).header("Authorization", "Bearer " + bearer).GET());
    }
}
