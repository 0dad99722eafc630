package io.tokenledger.app.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationTest extends LedgerIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    private static final String VALID = """
            {"client_name":"Billing","grant_types":["client_credentials"],"scope":"read write"}""";

    @Test
    void administratorsPageThroughTheClientsByCursorAndFindThemByNameWithoutTheirSecrets() throws Exception {
        String admin = adminToken();
        for (String name : new String[] {"Zeta one", "zeta two", "Zeta three"}) {
            ledger.registerJson(admin, "{\"client_name\":\"" + name + "\",\"grant_types\":[\"client_credentials\"]}");
        }

        JsonNode first = json.readTree(ledger.manage(admin, "GET", "/admin/clients?q=zeta&limit=2", null).body());
        JsonNode second = json.readTree(ledger.manage(admin, "GET", "/admin/clients?q=zeta&limit=2&after="
                + first.get("next").asText(), null).body());

        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(first.get("items").findValuesAsText("client_name"))
                .allSatisfy(name -> assertThat(name).startsWithIgnoringCase("zeta"));
        assertThat(first.toString() + second).doesNotContain("sha256:").doesNotContain("\"client_secret\"");
        assertThat(ledger.manage(admin, "GET", "/admin/clients?limit=501", null).statusCode()).isEqualTo(400);
    }

    @Test
    void anAdministratorRegistersAClientAndOnlyTheSecretHashIsKept_RFC7591Section3_2_1() {
        HttpResponse<String> response = ledger.registerJson(adminToken(), VALID);

        assertThat(response.statusCode()).isEqualTo(201);
        var client = LedgerClient.clientInformation(response);
        assertThat(client.getMetadata().getName()).isEqualTo("Billing");
        assertThat(client.getSecret().getValue()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM clients WHERE client_id = ?", client.getID().getValue());
        assertThat(row.get("client_name")).isEqualTo("Billing");
        assertThat(row.get("scope")).isEqualTo("read write");
        assertThat(row.get("registered_by")).isEqualTo("admin:" + ADMIN_ID);
        assertThat((String) row.get("client_secret")).startsWith("sha256:").doesNotContain(client.getSecret().getValue());
    }

    @Test
    void withoutABearerTokenTheAnswerIs401WithABearerChallenge_RFC6750Section3() {
        var response = ledger.raw(java.net.http.HttpRequest.newBuilder(ledger.uri("/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(VALID)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aTokenWithoutLedgerAdminIsForbidden() {
        var client = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");
        long events = eventCount();

        HttpResponse<String> response = ledger.registerJson(token, VALID);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("insufficient_scope"));
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aRevokedAdminTokenNoLongerWorks() {
        String token = adminToken();
        ledger.revoke(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), token);

        assertThat(ledger.registerJson(token, VALID).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unsupported grant             | {"grant_types":["password"]}                                                         | invalid_client_metadata
            default grant needs redirect  | {"scope":"read"}                                                                     | invalid_redirect_uri
            refresh without code          | {"grant_types":["client_credentials","refresh_token"]}                               | invalid_client_metadata
            public client                 | {"grant_types":["client_credentials"],"token_endpoint_auth_method":"none"}           | invalid_client_metadata
            bad scope characters          | {"grant_types":["client_credentials"],"scope":"read \\"quoted\\""}                   | invalid_client_metadata
            implicit response type        | {"grant_types":["authorization_code"],"response_types":["token"],"redirect_uris":["https://app.example/cb"]} | invalid_client_metadata
            code without its grant        | {"grant_types":["client_credentials"],"response_types":["code"]}                     | invalid_client_metadata
            http redirect off loopback    | {"grant_types":["client_credentials"],"redirect_uris":["http://evil.example/cb"]}    | invalid_redirect_uri
            redirect with fragment        | {"grant_types":["client_credentials"],"redirect_uris":["https://app.example/cb#x"]}  | invalid_redirect_uri
            localhost redirect            | {"grant_types":["client_credentials"],"redirect_uris":["http://localhost:8080/cb"]}  | invalid_redirect_uri
            redirect without a host       | {"grant_types":["client_credentials"],"redirect_uris":["https:///cb"]}               | invalid_redirect_uri
            redirect with a bad port      | {"grant_types":["client_credentials"],"redirect_uris":["https://app.example:99999/cb"]} | invalid_redirect_uri
            redirect with userinfo        | {"grant_types":["client_credentials"],"redirect_uris":["https://user:pw@app.example/cb"]} | invalid_redirect_uri
            redirect with a wildcard      | {"grant_types":["client_credentials"],"redirect_uris":["https://*.app.example/cb"]}  | invalid_redirect_uri
            redirect with bidi control    | {"grant_types":["client_credentials"],"redirect_uris":["https://app.example/\u202ecb"]} | invalid_redirect_uri
            name too long                 | {"grant_types":["client_credentials"],"client_name":"%s"}                            | invalid_client_metadata
            not JSON                      | grant_types=client_credentials                                                       | invalid_request
            """)
    void badMetadataIsRefusedAndRecordsNothing_RFC7591Section3_2_2(String name, String json, String error) {
        String body = json.replace("%s", "n".repeat(300));
        String admin = adminToken();
        long events = eventCount();

        HttpResponse<String> response = ledger.registerJson(admin, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"" + error + "\"");
        assertThat(eventCount()).isEqualTo(events);
    }
}
