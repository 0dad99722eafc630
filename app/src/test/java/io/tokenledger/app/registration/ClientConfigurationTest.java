package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7592-style management of a registration: each change an event, each visible at once. */
class ClientConfigurationTest extends LedgerIntegrationTest {

    @Test
    void readingARegistrationShowsItsMetadataButNeverASecret() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read write");

        HttpResponse<String> response = send(admin, "GET", path(client), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"scope\":\"read write\"").doesNotContain("client_secret\"");
    }

    @Test
    void updatingReplacesTheMetadataAndTakesEffectAtOnce_RFC7592Section2_2() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read write");

        HttpResponse<String> response = send(admin, "PUT", path(client), """
                {"client_name":"Renamed","grant_types":["client_credentials"],"scope":"read"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT client_name FROM clients WHERE client_id = ?", String.class,
                client.getID().getValue())).isEqualTo("Renamed");
        assertThat(ledger.tokenResponse(LedgerClient.basic(client), "write").toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_scope");
        assertThat(ledger.accessToken(LedgerClient.basic(client), "read")).as("the secret is unchanged").isNotBlank();
    }

    @Test
    void aConfidentialClientCannotBeTurnedPublic() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read");
        long events = eventCount();

        HttpResponse<String> response = send(admin, "PUT", path(client), """
                {"grant_types":["authorization_code"],"redirect_uris":["https://app.example/cb"],
                 "token_endpoint_auth_method":"none"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_client_metadata");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void rotatingTheSecretRetiresTheOldOneAtOnce() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read");

        HttpResponse<String> response = send(admin, "POST", path(client) + "/secret", null);

        assertThat(response.statusCode()).isEqualTo(200);
        ClientInformation rotated = LedgerClient.clientInformation(response);
        assertThat(rotated.getSecret()).isNotEqualTo(client.getSecret());
        assertThat(ledger.tokenResponse(LedgerClient.basic(client), "read").indicatesSuccess()).isFalse();
        assertThat(ledger.accessToken(new ClientSecretBasic(client.getID(), rotated.getSecret()), "read")).isNotBlank();
    }

    @Test
    void retiringAClientStopsItsTokensAndItsAuthentication_RFC7592Section2_3() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read");
        ClientInformation resourceServer = ledger.register(admin, "introspect");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");

        assertThat(send(admin, "DELETE", path(client), null).statusCode()).isEqualTo(204);

        assertThat(ledger.introspect(LedgerClient.basic(resourceServer), token).isActive()).isFalse();
        assertThat(ledger.tokenResponse(LedgerClient.basic(client), "read").toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_client");
        assertThat(send(admin, "GET", path(client), null).statusCode()).isEqualTo(404);
        assertThat(send(admin, "DELETE", path(client), null).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                AND payload_type LIKE '%ClientRetired'""", Long.class, client.getID().getValue())).isEqualTo(1L);
    }

    @Test
    void onlyAdministratorsManageRegistrations() {
        String admin = adminToken();
        ClientInformation client = ledger.register(admin, "read");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");

        assertThat(send(token, "DELETE", path(client), null).statusCode()).isEqualTo(403);
        assertThat(send(admin, "GET", "/oauth2/register/no-such-client", null).statusCode()).isEqualTo(404);
    }

    private static String path(ClientInformation client) {
        return "/oauth2/register/" + client.getID().getValue();
    }

    private HttpResponse<String> send(String token, String method, String path, String json) {
        return ledger.manage(token, method, path, json);
    }
}
