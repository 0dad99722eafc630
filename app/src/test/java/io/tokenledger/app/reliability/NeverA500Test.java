package io.tokenledger.app.reliability;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18, item 15: inputs that were answered 500 are refused with a 400 and an RFC error, and change nothing. */
class NeverA500Test extends LedgerIntegrationTest {

    private String admin;
    private ClientInformation client;

    @BeforeEach
    void aClient() {
        admin = adminToken();
        client = ledger.registerCodeClient(admin, "read");
    }

    /** Quotes, backslashes and non-ASCII in a redirect URI: RFC 7591 §3.2.2 {@code invalid_redirect_uri}. */
    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/cb\\\"x", "https://app.example/c\\\\b", "https://app.example/ü"})
    void aRedirectUriWithQuotesBackslashesOrNonAsciiIsRefused_RFC7591Section3_2_2(String uri) {
        String metadata = "{\"client_name\":\"x\",\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\""
                          + uri + "\"]}";
        long events = eventCount();

        HttpResponse<String> created = ledger.registerJson(admin, metadata);
        HttpResponse<String> updated = ledger.manage(admin, "PUT", "/oauth2/register/" + client.getID().getValue(),
                metadata.replace("{", "{\"client_id\":\"" + client.getID().getValue() + "\","));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(created.body()).contains("\"error\":\"invalid_redirect_uri\"");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(400);
        assertThat(updated.body()).contains("\"error\":\"invalid_redirect_uri\"");
        assertThat(eventCount()).isEqualTo(events);
    }

    @org.junit.jupiter.api.Test
    void anUpdateNamingAnotherClientIsRefusedWithAnRfcError_RFC7592Section2_2() {
        HttpResponse<String> response = ledger.manage(admin, "PUT", "/oauth2/register/" + client.getID().getValue(),
                "{\"client_id\":\"another\",\"client_name\":\"x\",\"grant_types\":[\"client_credentials\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"");
    }

    /** Instants ISO-8601 can write but PostgreSQL cannot hold. */
    @ParameterizedTest
    @ValueSource(strings = {"/ledger/audit?from=%2B1000000000-01-01T00:00:00Z",
            "/ledger/audit?to=-999999999-01-01T00:00:00Z",
            "/ledger/clients/x/tokens?activeAt=%2B1000000000-01-01T00:00:00Z",
            "/ledger/tokens/00000000-0000-0000-0000-000000000000?asOf=-999999999-01-01T00:00:00Z"})
    void anInstantBeyondWhatTheLedgerCanHoldIsRefused(String path) {
        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri(path))
                                                              .header("Authorization", "Bearer " + admin).GET());

        assertThat(response.statusCode()).as(response.body()).isIn(400, 404);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"");
    }
}
