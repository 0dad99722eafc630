package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8707: a token's audience is the resources its request named, within what the user authorized. */
class ResourceIndicatorsTest extends CodeFlowTestBase {

    private static final String API = "https://api.example/";
    private static final String BILLING = "https://billing.example/";

    @Test
    void aClientCredentialsTokenIsBoundToTheResourcesItNamed_RFC8707Section2() throws Exception {
        var client = ledger.register(adminToken(), "read");
        HttpResponse<String> issued = ledger.form("/oauth2/token", "grant_type=client_credentials&resource="
                + encode(API) + "&resource=" + encode(BILLING), "Authorization", LedgerClient.basicHeader(client));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String token = issued.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

        assertThat(ledger.introspect(LedgerClient.basic(client), token).getAudience())
                .containsExactly(new Audience(API), new Audience(BILLING));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "https://api.example/#fragment", "not a uri", "https://api.example/\u00e9"})
    void aResourceThatIsNoAbsoluteUriIsInvalidTarget_RFC8707Section2(String resource) {
        var client = ledger.register(adminToken(), "read");
        long events = eventCount();

        HttpResponse<String> refused = ledger.form("/oauth2/token", "grant_type=client_credentials&resource="
                + encode(resource), "Authorization", LedgerClient.basicHeader(client));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error\":\"invalid_target\"");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aCodeFlowTokenNarrowsToOneAuthorizedResourceAndARefreshNeverWidens_RFC8707Section2_2() {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = signInFor(verifier, API, BILLING);

        Tokens narrowed = success(client.exchange(code, verifier, List.of(URI.create(API))));
        assertThat(audience(narrowed)).containsExactly(new Audience(API));

        Tokens all = success(client.refresh(narrowed.getRefreshToken(), null));
        assertThat(audience(all)).as("no resource named: all the user authorized")
                                 .containsExactly(new Audience(API), new Audience(BILLING));
        assertThat(error(client.refresh(all.getRefreshToken(), null, List.of(URI.create("https://other.example/")))))
                .isEqualTo("invalid_target");
    }

    @Test
    void aResourceTheUserDidNotAuthorizeIsRefusedAtTheCodeExchange_RFC8707Section2_2() {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = signInFor(verifier, API);

        assertThat(error(client.exchange(code, verifier, List.of(URI.create(BILLING))))).isEqualTo("invalid_target");
    }

    private AuthorizationCode signInFor(CodeVerifier verifier, String... resources) {
        StringBuilder uri = new StringBuilder(client.authorizationRequest("read", verifier, new State()).toString());
        for (String resource : resources) {
            uri.append("&resource=").append(encode(resource));
        }
        Browser browser = new Browser();
        HttpResponse<String> redirect = browser.signIn(browser.get(URI.create(uri.toString())), USER, PASSWORD);
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return new AuthorizationCode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"));
    }

    private List<Audience> audience(Tokens tokens) {
        return ledger.introspect(webAppAuth, tokens.getAccessToken().getValue()).getAudience();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
