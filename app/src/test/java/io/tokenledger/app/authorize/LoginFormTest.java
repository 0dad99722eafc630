package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "ledger.code-ttl=PT1S")
class LoginFormTest extends CodeFlowTestBase {

    @Test
    void theLoginPageIsAServerRenderedFormWithUsernamePasswordAndACsrfToken() {
        HttpResponse<String> page = new Browser().get(client.authorizationRequest("read", new CodeVerifier(), new State()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        Document html = Browser.html(page);
        assertThat(html.select("form[method=post] input[name=username]")).hasSize(1);
        assertThat(html.select("form[method=post] input[name=password][type=password]")).hasSize(1);
        assertThat(html.select("form input[name=_csrf]").attr("value")).isNotBlank();
        assertThat(html.text()).contains("web app");
    }

    @Test
    void aBadLoginShowsTheFormAgainWithAMessageAndIssuesNoCode() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));
        long events = eventCount();

        HttpResponse<String> again = browser.signIn(page, "eve", "not her password");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Location")).isEmpty();
        Document html = Browser.html(again);
        assertThat(html.select("[role=alert]").text()).contains("Wrong username or password");
        assertThat(html.select("input[name=username]").attr("value")).isEqualTo("eve");
        assertThat(again.body()).doesNotContain("not her password");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void repeatedFailuresForOneAccountAreSlowedDown() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));
        long recorded = securityEventCount("UserSignInFailed");
        for (int i = 0; i < 5; i++) {
            page = browser.signIn(page, "grace", "guess " + i);
            assertThat(page.statusCode()).isEqualTo(200);
        }
        assertThat(securityEventCount("UserSignInFailed")).as("each failure recorded").isEqualTo(recorded + 5);

        HttpResponse<String> throttled = browser.signIn(page, "grace", "guess 6");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(securityEventCount("UserSignInFailed")).as("a refusal while slowed down is only counted")
                                                          .isEqualTo(recorded + 5);
        assertThat(Browser.html(throttled).select("[role=alert]").text()).contains("Too many failed sign-in attempts");
        assertThat(browser.signIn(page, USER, PASSWORD).statusCode()).as("other accounts are unaffected").isEqualTo(302);
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));

        HttpResponse<String> forged = browser.submit(page, Map.of("username", USER, "password", PASSWORD,
                "_csrf", "forged"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void anExpiredCodeIsRefused() throws InterruptedException {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);
        Thread.sleep(1_200);

        assertThat(error(client.exchange(code, verifier))).isEqualTo("invalid_grant");
    }
}
