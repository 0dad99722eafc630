package io.tokenledger.app.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import example.relyingparty.SpringRelyingParty;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application using Spring Security's {@code oauth2Login}, configured with nothing but the ledger's
 * issuer, its client id and secret, signs a user in over real HTTP: discovery, the authorization request (with
 * PKCE and a nonce), the sign-in form, the code exchange, the ID token's validation and the UserInfo request are
 * all Spring's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringOAuth2LoginTest extends LedgerIntegrationTest {

    private static final String USER = "margaret";
    private static final String PASSWORD = "correct horse battery";

    private ConfigurableApplicationContext relyingParty;
    private URI application;
    private ClientInformation client;

    @BeforeAll
    void startTheRelyingParty() {
        ledger = new LedgerClient(port, managementPort);
        String admin = adminToken();
        ledger.createUser(admin, USER, PASSWORD);
        int rpPort = freePort();
        application = URI.create("http://127.0.0.1:" + rpPort);
        client = LedgerClient.clientInformation(ledger.registerJson(admin, """
                {"client_name":"spring app","grant_types":["authorization_code","refresh_token"],
                 "redirect_uris":["%s/login/oauth2/code/ledger"],"scope":"openid profile email"}"""
                .formatted(application)));
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER);
        ledger.manage(admin, "PUT", "/admin/users/" + userId + "/profile", """
                {"name":"Margaret Hamilton","email_verified":true}""");
        relyingParty = SpringRelyingParty.start(rpPort, ledger.uri("").toString(), client.getID().getValue(),
                client.getSecret().getValue(), "openid,profile,email");
    }

    @AfterAll
    void stopTheRelyingParty() {
        if (relyingParty != null) {
            relyingParty.close();
        }
    }

    @Test
    void aSpringApplicationSignsItsUserInWithOAuth2LoginAndReadsUserInfo() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> signInPage = follow(browser, browser.get(application.resolve("/me")));
        assertThat(signInPage.uri().getPath()).isEqualTo("/oauth2/authorize");

        HttpResponse<String> me = follow(browser, browser.signIn(signInPage, USER, PASSWORD));

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.uri().getPath()).isEqualTo("/me");
        JsonNode user = new ObjectMapper().readTree(me.body());
        assertThat(user.get("sub").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT user_id FROM users WHERE username = ?", String.class, USER));
        assertThat(user.get("iss").asText()).isEqualTo(ledger.uri("").toString());
        assertThat(user.get("aud").toString()).contains(client.getID().getValue());
        assertThat(user.get("nonce").asText()).isNotBlank();
        // From UserInfo, which Spring calls for the profile and email scopes with the access token it was given.
        assertThat(user.get("name").asText()).isEqualTo("Margaret Hamilton");
        assertThat(user.get("email").asText()).isEqualTo(USER + "@example.com");
        assertThat(user.get("email_verified").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.grant.IdTokenIssued'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'nonce' = ?""", Long.class,
                user.get("nonce").asText())).isOne();
    }

    /** Follows redirects as a browser would, across the application and the ledger. */
    private static HttpResponse<String> follow(Browser browser, HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            current = browser.get(current.uri().resolve(current.headers().firstValue("Location").orElseThrow()));
        }
        return current;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
