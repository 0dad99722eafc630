package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection and revocation under hostile input. Where RFC 7009 §2.2 and RFC 7662 §2.2 prescribe 200 for
 * a token the server does not know, that is the answer; everything else is a 4xx RFC error. Nothing is appended
 * and the live token stays live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileLedgerRequestsTest extends LedgerIntegrationTest {

    private ClientInformation client;
    private String liveToken;

    @BeforeAll
    void issueALiveToken() {
        ledger = new LedgerClient(port, managementPort);
        client = ledger.register(adminToken(), "read");
        liveToken = ledger.accessToken(LedgerClient.basic(client), "read");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /oauth2/introspect | missing token        | 400 | invalid_request
            /oauth2/introspect | empty token          | 400 | invalid_request
            /oauth2/introspect | JSON body            | 400 | invalid_request
            /oauth2/introspect | repeated token       | 400 | invalid_request
            /oauth2/introspect | SQL in token         | 200 | {"active":false}
            /oauth2/introspect | bad UTF-8 in token   | 200 | {"active":false}
            /oauth2/introspect | one megabyte token   | 413 | invalid_request
            /oauth2/introspect | no client            | 401 | invalid_client
            /oauth2/revoke     | missing token        | 400 | invalid_request
            /oauth2/revoke     | empty token          | 400 | invalid_request
            /oauth2/revoke     | JSON body            | 400 | invalid_request
            /oauth2/revoke     | repeated token       | 400 | invalid_request
            /oauth2/revoke     | SQL in token         | 200 |
            /oauth2/revoke     | bad UTF-8 in token   | 200 |
            /oauth2/revoke     | one megabyte token   | 413 | invalid_request
            /oauth2/revoke     | no client            | 401 | invalid_client
            /oauth2/revoke     | SQL in hint          | 200 |
            """)
    void isAnsweredAsTheRfcsSayAndAppendsNothing(String path, String attack, int status, String body) {
        long events = eventCount();

        HttpRequest.Builder request = ledger.formRequest(path, form(attack), headers(attack));
        if (attack.equals("JSON body")) {
            request.setHeader("Content-Type", "application/json");
        }
        HttpResponse<String> response = ledger.raw(request);

        assertThat(response.statusCode()).isEqualTo(status);
        if (body != null) {
            assertThat(response.body()).contains(body);
        }
        assertThat(response.body()).doesNotContain(liveToken).doesNotContain(client.getSecret().getValue());
        assertThat(eventCount()).isEqualTo(events);
        assertThat(ledger.introspect(LedgerClient.basic(client), liveToken).isActive()).isTrue();
    }

    private String form(String attack) {
        return switch (attack) {
            case "missing token" -> "token_type_hint=access_token";
            case "empty token" -> "token=%20";
            case "JSON body" -> "{\"token\":\"" + liveToken + "\"}";
            case "repeated token" -> "token=" + liveToken + "&token=" + liveToken;
            case "SQL in token" -> "token=x'%20OR%20'1'%3D'1";
            case "bad UTF-8 in token" -> "token=%C3%28%FF";
            case "one megabyte token" -> "token=" + "a".repeat(1 << 20);
            case "SQL in hint" -> "token=unknown&token_type_hint=refresh_token'%3B--";
            default -> "token=" + liveToken;
        };
    }

    private String[] headers(String attack) {
        return attack.equals("no client") ? new String[0]
                : new String[]{"Authorization", LedgerClient.basicHeader(client)};
    }
}
