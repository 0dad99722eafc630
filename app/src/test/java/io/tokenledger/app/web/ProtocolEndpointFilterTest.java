package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol endpoints are served ahead of Spring Security and Spring MVC; over real HTTP they still answer with
 * the headers Spring Security wrote for them, and refuse other methods as Spring MVC did
 * (MetricsTest shows that they still count in the HTTP metrics under their paths).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEndpointFilterTest extends LedgerIntegrationTest {

    private ClientInformation client;

    @BeforeAll
    void registerClient() {
        ledger = new LedgerClient(port, managementPort);
        client = ledger.register(adminToken(), "read");
    }

    /** RFC 6749 §5.1 and RFC 7662 §2.2 answers must not be cached; none may be sniffed as another type or framed. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /oauth2/token      | grant_type=client_credentials | 200
            /oauth2/token      | grant_type=password           | 400
            /oauth2/introspect | token=unknown                 | 200
            /oauth2/revoke     | token=unknown                 | 200
            /oauth2/revoke     |                               | 400
            """)
    void answersCarryTheSecurityHeaders(String path, String body, int status) {
        HttpResponse<String> response = ledger.form(path, body == null ? "" : body,
                "Authorization", LedgerClient.basicHeader(client));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /oauth2/token", "PUT /oauth2/introspect", "DELETE /oauth2/revoke",
                            "OPTIONS /oauth2/token"})
    void anotherMethodIs405NamingPost(String request) {
        String[] methodAndPath = request.split(" ");
        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri(methodAndPath[1]))
                .method(methodAndPath[0], HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).contains("\"error\":\"invalid_request\"");
    }
}
