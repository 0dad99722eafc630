package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One address trying a few passwords on many accounts stays under every account's limit; the address's own limit
 * stops it. A class of its own: the address bucket it empties is the one every test here signs in from.
 */
@TestPropertySource(properties = "ledger.login-failures-per-address=4")
class LoginAddressThrottleTest extends CodeFlowTestBase {

    @Test
    void failuresSpreadOverAccountsAreSlowedDownPerAddress() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(client.authorizationRequest("read", new CodeVerifier(), new State()));
        for (int account = 0; account < 4; account++) {
            page = browser.signIn(page, "sprayed-" + account, "guess");
            assertThat(page.statusCode()).as("one failure per account is under its limit").isEqualTo(200);
        }

        HttpResponse<String> throttled = browser.signIn(page, USER, PASSWORD);

        assertThat(throttled.statusCode()).as("even the right password waits while the address is slowed down")
                                          .isEqualTo(429);
        assertThat(Browser.html(throttled).select("[role=alert]").text()).contains("Too many failed sign-in attempts");
        assertThat(throttled.headers().firstValue("Location")).isEmpty();
    }
}
