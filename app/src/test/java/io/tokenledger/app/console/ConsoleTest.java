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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
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
        Instant beforeBilling = Instant.now().minusMillis(1);
        ClientInformation registered = ledger.register(adminToken(), "read");
        ClientAuthentication billing = LedgerClient.basic(registered);
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

            awaitAuditLogCaughtUp();
            browser.go("#/audit");
            browser.type(By.id("event_type"), "TokenRevoked");
            browser.click(By.cssSelector("#audit-filter button[type=submit]"));
            browser.wait(driver -> {
                List<WebElement> rows = browser.all(By.cssSelector("#audit-entries tbody tr"));
                return !rows.isEmpty() && rows.stream().allMatch(row -> row.getText().contains("TokenRevoked"));
            });
            browser.screenshot("audit-log");
            browser.click(By.xpath("//button[text()='Export NDJSON']"));
            browser.click(By.xpath("//button[text()='Export CSV']"));
            assertThat(browser.all(By.cssSelector(".failure"))).as("the exports read as text").isEmpty();

            browser.go("#/state");
            browser.type(By.id("party_id"), registered.getID().getValue());
            browser.type(By.id("party_as_of"), beforeBilling.toString());
            browser.click(By.cssSelector("#party-as-of button[type=submit]"));
            browser.waitForText(By.id("party-status"), "not_registered");
            browser.type(By.id("party_as_of"), "");
            browser.click(By.cssSelector("#party-as-of button[type=submit]"));
            browser.waitForText(By.id("party-status"), "active");

            browser.go("#/integrity");
            browser.click(By.id("verify"));
            browser.waitForText(By.id("verify-status"), "OK");
            assertThat(browser.text(By.id("verify-percent"))).isEqualTo("100%");
            browser.screenshot("integrity");
        }
    }

    @Test
    void anAdministratorRegistersAClientRotatesItsSecretRevokesATokenWithAReasonAndRebuildsAProjection()
            throws IOException {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
            browser.signIn(admin, PASSWORD);
            assertThat(browser.text(By.id("roles"))).isEqualTo("administrator");

            browser.go("#/clients");
            browser.type(By.id("client_name"), "Reports");
            browser.type(By.id("scope"), "read");
            browser.click(By.cssSelector("#register button[type=submit]"));
            String clientId = browser.find(By.cssSelector("#registered dd")).getText();
            String secret = browser.text(By.id("secret"));
            browser.screenshot("client-registered");
            browser.click(By.id("rotate"));
            String rotated = browser.text(By.id("rotated-secret"));
            assertThat(rotated).isNotEqualTo(secret);
            ClientAuthentication reports = LedgerClient.basic(clientId, rotated);
            String token = ledger.accessToken(reports, "read");
            assertThat(actorOf("ClientRegistered", clientId)).isEqualTo("user:" + userId(admin));

            String tokenId = ledger.introspect(reports, token).getJWTID().getValue();
            browser.go("#/tokens/" + tokenId);
            browser.waitForText(By.id("token-status"), "active");
            browser.type(By.id("reason"), "shared in a chat by mistake");
            browser.click(By.cssSelector("#revoke button[type=submit]"));
            browser.waitForText(By.id("token-status"), "revoked");
            assertThat(ledger.introspect(reports, token).isActive()).isFalse();
            assertThat(actorOf("TokenRevoked", tokenId)).isEqualTo("user:" + userId(admin));
            assertThat(browser.find(By.cssSelector("dl.facts")).getText()).contains("shared in a chat by mistake");

            browser.go("#/clients");
            browser.type(By.id("client_q"), clientId);
            browser.click(By.cssSelector("#client-search button[type=submit]"));
            browser.click(By.xpath("//table[@id='clients']//button[text()='" + clientId + "']"));
            browser.type(By.id("edit_client_name"), "Quarterly reports");
            browser.click(By.cssSelector("#edit-client button[type=submit]"));
            assertThat(browser.text(By.id("registration-token"))).isNotBlank();
            assertThat(jdbc.queryForObject("SELECT client_name FROM clients WHERE client_id = ?", String.class,
                    clientId)).isEqualTo("Quarterly reports");
            assertThat(actorOf("ClientUpdated", clientId)).isEqualTo("user:" + userId(admin));
            assertThat(ledger.accessToken(reports, "read")).as("its secret and scopes as they were").isNotBlank();
            browser.click(By.id("retire"));
            browser.wait(driver -> jdbc.queryForObject("SELECT retired_at IS NOT NULL FROM clients WHERE client_id = ?",
                    Boolean.class, clientId));
            assertThat(actorOf("ClientRetired", clientId)).isEqualTo("user:" + userId(admin));

            browser.go("#/keys");
            int keys = browser.all(By.cssSelector("#keys tbody tr")).size();
            browser.click(By.id("rotate-keys"));
            browser.wait(driver -> browser.all(By.cssSelector("#keys tbody tr")).size() == keys + 1);

            browser.go("#/projections");
            browser.click(By.cssSelector("button[aria-label='Rebuild tokens']"));
            browser.waitForText(By.cssSelector("#projection-tokens output.percent"), "100%");
            assertThat(jdbc.queryForObject("""
                    SELECT convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'id' FROM domain_event_entry
                    WHERE payload_type LIKE '%ProjectionRebuildRequested' ORDER BY global_index DESC LIMIT 1""",
                    String.class)).as("who had the table rebuilt").isEqualTo(userId(admin));
            browser.screenshot("projections");
        }
    }

    @Test
    void anAdministratorCreatesAUserGivesThemARoleAndResetsTheirPassword() throws IOException {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
            browser.signIn(admin, PASSWORD);
            browser.go("#/users");
            browser.type(By.id("new_username"), "carla");
            browser.type(By.id("new_email"), "carla@example.com");
            browser.type(By.id("new_user_password"), "carla's first passphrase");
            browser.click(By.cssSelector("#new-user button[type=submit]"));
            browser.waitForText(By.cssSelector("#user h2"), "carla");

            browser.click(By.cssSelector("#roles-form input[value=auditor]"));
            browser.click(By.cssSelector("#roles-form button[type=submit]"));
            browser.waitForText(By.id("user-done"), "Roles saved.");
            browser.type(By.id("new_password"), "carla's second passphrase");
            browser.click(By.cssSelector("#password-form button[type=submit]"));
            browser.wait(driver -> browser.text(By.id("user-done")).startsWith("Password reset"));
            browser.screenshot("users");

            String carla = userId("carla");
            assertThat(jdbc.queryForObject("SELECT roles[1] FROM users WHERE user_id = ?", String.class, carla))
                    .isEqualTo("AUDITOR");
            assertThat(actorOf("UserRolesChanged", carla)).isEqualTo("user:" + userId(admin));
            assertThat(actorOf("UserPasswordReset", carla)).isEqualTo("user:" + userId(admin));
        }
        try (ConsoleBrowser carla = ConsoleBrowser.open(port)) {
            carla.signIn("carla", "carla's second passphrase");
            assertThat(carla.text(By.id("roles"))).isEqualTo("auditor");
        }
    }

    /** Issue 25: the person is erased from the console, and the ledger names the administrator who did it. */
    @Test
    void anAdministratorErasesAPersonWithAReasonAndARequester() throws IOException {
        ledger.createUser(adminToken(), "dora", "dora's only passphrase");
        String dora = userId("dora");
        try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
            browser.signIn(admin, PASSWORD);
            browser.go("#/users");
            browser.click(By.xpath("//table[@id='users']//button[text()='dora']"));
            browser.waitForText(By.cssSelector("#user h2"), "dora");
            browser.type(By.id("erase_reason"), "GDPR Art. 17 request");
            browser.type(By.id("erase_requested_by"), "privacy desk, ticket 4711");
            browser.click(By.id("erase_understood"));
            browser.click(By.cssSelector("#erase-form button[type=submit]"));
            browser.wait(driver -> browser.text(By.id("user-done")).startsWith("Erased"));
            assertThat(browser.text(By.cssSelector("#user h2"))).isEqualTo("erased:" + dora);
            assertThat(browser.all(By.id("erase-form"))).as("nothing left to erase").isEmpty();
        }
        assertThat(actorOf("UserErased", dora)).isEqualTo("user:" + userId(admin));
        assertThat(jdbc.queryForObject("SELECT erased_at IS NOT NULL FROM users WHERE user_id = ?", Boolean.class,
                dora)).isTrue();
    }

    /** ASVS V4.1.1: the server enforces access control, whatever the page shows or hides. */
    @Test
    void anAuditorIsRefusedEveryAdministratorAction_ASVS_4_1_1() throws IOException {
        try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
            browser.signIn(auditor, PASSWORD);
            assertThat(browser.all(By.cssSelector("nav a"))).extracting(WebElement::getText)
                                                          .containsExactly("Tokens", "At an instant", "Audit log", "Integrity");
            browser.go("#/users");
            assertThat(browser.text(By.cssSelector(".failure"))).startsWith("Refused");
            browser.go("#/projections");
            assertThat(browser.text(By.cssSelector(".failure"))).startsWith("Refused");
            String token = browser.consoleToken();
            String tokenId = jdbc.queryForObject("SELECT token_id::text FROM tokens LIMIT 1", String.class);
            long before = eventCount();

            assertThat(List.of(
                    ledger.manage(token, "POST", "/admin/projections/tokens/rebuild", null),
                    ledger.manage(token, "POST", "/admin/tokens/" + tokenId + "/revoke", "{\"reason\":\"x\"}"),
                    ledger.manage(token, "POST", "/admin/keys/rotate", null),
                    ledger.manage(token, "GET", "/admin/users", null),
                    ledger.manage(token, "GET", "/admin/clients", null),
                    ledger.manage(token, "GET", "/admin/keys", null),
                    ledger.manage(token, "PUT", "/admin/users/" + userId(auditor) + "/password",
                            "{\"password\":\"an attacker's passphrase\"}"),
                    ledger.manage(token, "POST", "/admin/users", "{\"username\":\"eve\",\"password\":\"p\"}"),
                    ledger.manage(token, "PUT", "/admin/users/" + userId(auditor) + "/roles", "{\"roles\":[\"admin\"]}"),
                    ledger.registerJson(token, "{\"client_name\":\"x\",\"grant_types\":[\"client_credentials\"]}")))
                    .extracting(HttpResponse::statusCode).containsOnly(403);
            assertThat(eventCount()).as("nothing recorded").isEqualTo(before);
        }
    }

    /**
     * OWASP ASVS V14.4: a Content Security Policy that admits only the console's own scripts and the one import map
     * (by its hash; the browser tests above fail if it does not match), no framing, no Referer with a code in it.
     */
    @Test
    void theConsoleIsServedUnderAStrictContentSecurityPolicy_ASVS_14_4() {
        var page = ledger.raw(HttpRequest.newBuilder(ledger.uri("/console/")).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'none';").containsPattern("script-src 'self' 'sha256-[A-Za-z0-9+/=]+';")
                          .contains("frame-ancestors 'none'", "base-uri 'none'", "connect-src 'self'")
                          .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Set-Cookie")).as("no cookie, so nothing to forge").isEmpty();
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("https://");
    }

    private String actorOf(String eventType, String aggregateId) {
        return jdbc.queryForObject("""
                SELECT (convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'kind') || ':'
                       || (convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'id')
                FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?
                ORDER BY global_index DESC LIMIT 1""", String.class, aggregateId, "%" + eventType);
    }

    private String userId(String username) {
        return jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, username);
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
