package io.tokenledger.app.web;

import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS for browser applications: the origins of public clients' redirect URIs and LEDGER_CORS_ALLOWED_ORIGINS may
 * call the token, revocation, UserInfo, JWKS and metadata endpoints; nothing else, and nowhere else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.cors-allowed-origins=https://console.example")
class CorsTest extends LedgerIntegrationTest {

    private static final String SPA = "https://spa.example";

    @BeforeAll
    void registerClients() {
        ledger = new LedgerClient(port, managementPort);
        String admin = adminToken();
        assertThat(ledger.registerJson(admin, """
                {"client_name":"single-page app","grant_types":["authorization_code"],
                 "token_endpoint_auth_method":"none","redirect_uris":["https://spa.example/callback"]}""")
                         .statusCode()).isEqualTo(201);
        assertThat(ledger.registerJson(admin, """
                {"client_name":"server app","grant_types":["authorization_code"],
                 "redirect_uris":["https://server.example/callback"]}""").statusCode()).isEqualTo(201);
    }

    @Test
    void aPublicClientsOriginMayCallTheTokenEndpoint() {
        HttpResponse<String> preflight = preflight("/oauth2/token", SPA);
        HttpResponse<String> call = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/token"))
                .header("Origin", SPA).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=nothing")));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(call.statusCode()).as("refused, but readable by the application").isEqualTo(401);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SPA);
        // RFC 9449: a browser client sends its DPoP proof and reads the nonce it may be given.
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("dpop");
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("DPoP-Nonce");
    }

    @Test
    void theConfiguredOriginMayReadTheKeysAndTheMetadata() {
        for (String path : new String[] {"/oauth2/jwks", "/.well-known/openid-configuration"}) {
            HttpResponse<String> read = ledger.raw(HttpRequest.newBuilder(ledger.uri(path))
                                                              .header("Origin", "https://console.example").GET());

            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).as(path)
                                                                              .hasValue("https://console.example");
        }
    }

    /** A confidential client's origin, or any other, is not let in: the preflight is refused. */
    @Test
    void otherOriginsAreRefused() {
        for (String origin : new String[] {"https://server.example", "https://evil.example", "null"}) {
            HttpResponse<String> preflight = preflight("/oauth2/token", origin);

            assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
    }

    /** Never the sign-in form, registration or the admin and ledger APIs, whatever the origin. */
    @Test
    void theSignInFormAndTheAdminApiGetNoCors() {
        for (String path : new String[] {"/oauth2/authorize", "/oauth2/register", "/admin/users", "/ledger/verify"}) {
            HttpResponse<String> preflight = preflight(path, SPA);

            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    private HttpResponse<String> preflight(String path, String origin) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path))
                                     .header("Origin", origin)
                                     .header("Access-Control-Request-Method", "POST")
                                     .header("Access-Control-Request-Headers", "content-type, dpop")
                                     .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }
}
