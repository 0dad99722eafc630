package io.tokenledger.app.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7592: a registration carries its own access token, with which the client manages itself. */
class RegistrationAccessTokenTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = """
            {"client_name":"%s","grant_types":["client_credentials"],"scope":"read"%s}""";

    @Test
    void aRegistrationAnswersWithItsAccessTokenAndUri_RFC7592Section3() throws Exception {
        JsonNode registered = register("self-managed");
        String token = registered.get("registration_access_token").asText();

        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(registered.get("registration_client_uri").asText())
                .isEqualTo(ledger.uri("/oauth2/register/" + registered.get("client_id").asText()).toString());
        assertThat(jdbc.queryForObject("SELECT registration_token_hash FROM clients WHERE client_id = ?",
                String.class, registered.get("client_id").asText())).startsWith("sha256:").doesNotContain(token);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?""", Long.class,
                "%" + token + "%")).as("only the hash reaches the ledger").isZero();
    }

    @Test
    void theClientReadsUpdatesAndDeletesItselfWithIt_RFC7592Section2() throws Exception {
        JsonNode registered = register("self-managed");
        URI uri = URI.create(registered.get("registration_client_uri").asText());
        String token = registered.get("registration_access_token").asText();

        HttpResponse<String> read = send("GET", uri, token, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("client_secret\"").doesNotContain(token);

        HttpResponse<String> updated = send("PUT", uri, token, METADATA.formatted("renamed", ""));
        assertThat(updated.statusCode()).isEqualTo(200);
        String rotated = JSON.readTree(updated.body()).get("registration_access_token").asText();
        assertThat(rotated).as("the token rotates on update").isNotEqualTo(token);
        assertThat(send("GET", uri, token, null).statusCode()).as("the old token is spent").isEqualTo(401);

        assertThat(send("DELETE", uri, rotated, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", uri, rotated, null).statusCode()).as("a retired client's token is void")
                                                                .isEqualTo(401);
    }

    @Test
    void aClientManagingItselfCannotGrantItselfMoreThanAnAdministratorDid_RFC7592Section2_2() throws Exception {
        JsonNode registered = register("self-managed");
        URI uri = URI.create(registered.get("registration_client_uri").asText());
        String token = registered.get("registration_access_token").asText();
        String clientId = registered.get("client_id").asText();
        String exchange = "urn:ietf:params:oauth:grant-type:token-exchange";

        for (String wider : new String[]{
                "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read ledger:admin\"}",
                "{\"grant_types\":[\"client_credentials\",\"%s\"],\"scope\":\"read\"}".formatted(exchange)}) {
            HttpResponse<String> refused = send("PUT", uri, token, wider);
            assertThat(refused.statusCode()).as(wider).isEqualTo(400);
            assertThat(refused.body()).contains("invalid_client_metadata");
        }
        HttpResponse<String> narrowed = send("PUT", uri, token, METADATA.formatted("narrowed", "")
                .replace("\"read\"", "\"\""));
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT scope FROM clients WHERE client_id = ?", String.class, clientId))
                .isNull();
    }

    @Test
    void oneClientsTokenManagesNoOtherClient() throws Exception {
        JsonNode mine = register("mine");
        JsonNode theirs = register("theirs");

        HttpResponse<String> answer = send("GET", URI.create(theirs.get("registration_client_uri").asText()),
                mine.get("registration_access_token").asText(), null);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(send("POST", URI.create(mine.get("registration_client_uri").asText() + "/secret"),
                mine.get("registration_access_token").asText(), null).statusCode())
                .as("nor does it reach the admin API").isEqualTo(403);
    }

    @Test
    void anUpdateWithAClientSecretThatIsNotTheCurrentOneIsRefused_RFC7592Section2_2() throws Exception {
        JsonNode registered = register("self-managed");
        URI uri = URI.create(registered.get("registration_client_uri").asText());
        String token = registered.get("registration_access_token").asText();
        long events = eventCount();

        HttpResponse<String> wrong = send("PUT", uri, token,
                METADATA.formatted("renamed", ",\"client_secret\":\"chosen-by-the-client\""));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_client_metadata").doesNotContain("chosen-by-the-client");
        assertThat(eventCount()).isEqualTo(events);
        String current = registered.get("client_secret").asText();
        assertThat(send("PUT", uri, token, METADATA.formatted("renamed", ",\"client_secret\":\"" + current + "\""))
                .statusCode()).as("the current secret may be sent back").isEqualTo(200);
    }

    private JsonNode register(String name) throws Exception {
        HttpResponse<String> response = ledger.registerJson(adminToken(), METADATA.formatted(name, ""));
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, URI uri, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return ledger.raw(request.method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }
}
