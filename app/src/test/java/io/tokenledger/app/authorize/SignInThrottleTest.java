package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whom a failed sign-in slows down (OWASP ASVS 2.2.1): the account found, however its name was spelled, from the
 * address that failed; across addresses only a looser bound. The two addresses are loopback's IPv4 and IPv6 ones.
 */
@TestPropertySource(properties = "ledger.login-failures-per-account=8")
class SignInThrottleTest extends CodeFlowTestBase {

    private static final String RIGHT = "the right password";

    @BeforeAll
    void registerAccounts() {
        String admin = adminToken();
        for (String user : new String[] {"victim", "traveller", "target"}) {
            ledger.createUser(admin, user, RIGHT);
        }
    }

    @Test
    void asvs_2_2_1_everySpellingOfAnAccountSharesItsThrottle() {
        Browser browser = new Browser();
        HttpResponse<String> page = failFiveTimes(browser, "127.0.0.1", "victim");

        HttpResponse<String> dotted = browser.signIn(page, "v\u0130ct\u0130m", RIGHT);
        HttpResponse<String> fullWidth = browser.signIn(page, "\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D", RIGHT);
        HttpResponse<String> upper = browser.signIn(page, "VICTIM", RIGHT);

        assertThat(dotted.statusCode()).as("U+0130 is not an i: no such account, and no sign-in").isEqualTo(200);
        assertThat(fullWidth.statusCode()).as("NFKC makes full-width letters the account's name").isEqualTo(429);
        assertThat(upper.statusCode()).isEqualTo(429);
    }

    @Test
    void asvs_2_2_1_failuresFromOneAddressDoNotLockTheRealUserOut() {
        Browser attacker = new Browser();
        HttpResponse<String> page = failFiveTimes(attacker, "127.0.0.1", "traveller");
        assertThat(attacker.signIn(page, "traveller", RIGHT).statusCode()).isEqualTo(429);

        Browser user = new Browser();
        HttpResponse<String> signedIn = user.signIn(loginPage(user, "[::1]"), "traveller", RIGHT);

        assertThat(signedIn.statusCode()).as("the real user, from another address, gets in").isEqualTo(302);
    }

    @Test
    void asvs_2_2_1_anAccountHasALooserBoundAcrossAddresses() {
        failFiveTimes(new Browser(), "127.0.0.1", "target");
        Browser other = new Browser();
        HttpResponse<String> page = loginPage(other, "[::1]");
        for (int i = 0; i < 3; i++) {
            page = other.signIn(page, "target", "guess " + i);
            assertThat(page.statusCode()).as("under this address's own bound").isEqualTo(200);
        }

        HttpResponse<String> throttled = other.signIn(page, "target", RIGHT);

        assertThat(throttled.statusCode()).as("8 failures across addresses reach the account's bound").isEqualTo(429);
    }

    private HttpResponse<String> failFiveTimes(Browser browser, String host, String username) {
        HttpResponse<String> page = loginPage(browser, host);
        for (int i = 0; i < 5; i++) {
            page = browser.signIn(page, username, "guess " + i);
            assertThat(page.statusCode()).isEqualTo(200);
        }
        return page;
    }

    private HttpResponse<String> loginPage(Browser browser, String host) {
        URI request = client.authorizationRequest("read", new CodeVerifier(), new State());
        return browser.get(URI.create(request.toString().replace("//localhost:", "//" + host + ":")));
    }
}
