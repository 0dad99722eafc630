package io.tokenledger.app.console;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.ConsoleBrowser;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: auditors and administrators sign in with their accounts through the server's own
 * sign-in page, as users of a first-party public client, and do their work through the ledger's APIs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTest extends LedgerIntegrationTest {

    private static final String PASSWORD = "a long passphrase for the console";
    private String auditor;
    private String admin;

    @BeforeAll
    void usersWithRoles() {
        ledger = new LedgerClient(port, managementPort);
        auditor = user("audrey", "auditor");
        admin = user("adam", "admin");
    }

    @Test
    void anAuditorFindsARevokedTokenByItsValueReadsItsTimelineAndSeesItActiveBeforeTheRevocation() throws IOException {
        ClientAuthentication billing = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(billing, "read");
        ledger.revoke(billing, token);

        try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
            browser.signIn(auditor, PASSWORD);
            assertThat(browser.text(By.id("roles"))).isEqualTo("auditor");
            browser.type(By.id("token"), token);
            browser.click(By.id("find-by-value"));

            browser.waitForText(By.id("token-status"), "revoked");
            List<WebElement> events = browser.all(By.cssSelector("#token-events li"));
            assertThat(events).extracting(event -> event.getAttribute("data-type"))
                              .containsExactly("TokenIssued", "TokenRevoked");
            assertThat(events.get(1).getText()).contains("by client:", "request ", "from 127.0.0.1");
            assertThat(browser.driver().getCurrentUrl()).as("the value never travels in a URL").doesNotContain(token);
            browser.screenshot("token-timeline");

            events.get(1).findElement(By.cssSelector("button")).click();
            browser.waitForText(By.id("as-of-status"), "active");
            browser.screenshot("token-state-at-an-instant");
        }
    }

    private String user(String username, String role) {
        String token = adminToken();
        ledger.createUser(token, username, PASSWORD);
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, username);
        assertThat(ledger.manage(token, "PUT", "/admin/users/" + userId + "/roles",
                "{\"roles\":[\"" + role + "\"]}").statusCode()).isEqualTo(200);
        return username;
    }
}
