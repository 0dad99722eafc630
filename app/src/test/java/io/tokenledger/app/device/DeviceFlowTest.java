package io.tokenledger.app.device;

import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DeviceClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.throttle.FailureThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device authorization grant (RFC 8628) end to end: a TV (a public client) asks with Nimbus's
 * {@link DeviceAuthorizationRequest}, polls with {@link DeviceCodeGrant}, and a user approves or denies on the
 * verification page in a browser; each step is in the grant's history. Polling too fast is {@code slow_down};
 * guessing user codes is throttled per address and records nothing.
 */
@TestPropertySource(properties = "ledger.device-polling-interval=PT1S")
class DeviceFlowTest extends CodeFlowTestBase {

    @Autowired
    private FailureThrottle throttle;

    /** Every test here comes from one address, whose guesses the throttle test spends. */
    @AfterEach
    void forgetGuesses() {
        throttle.forget(new FailureThrottle.Key("device-user-code", "127.0.0.1", 10));
    }

    @Test
    void deviceFlow_RFC8628Section3_aTvGetsTokensOnceTheUserApprovesInABrowser() throws Exception {
        DeviceClient tv = DeviceClient.register(ledger, adminToken());
        DeviceAuthorizationSuccessResponse device = tv.request("read");
        assertThat(device.getVerificationURI()).isEqualTo(ledger.uri("/oauth2/device"));
        assertThat(device.getUserCode().getValue()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(device.getInterval()).isEqualTo(1);
        assertThat(error(tv.poll(device))).isEqualTo("authorization_pending");

        Browser browser = new Browser();
        HttpResponse<String> form = browser.get(device.getVerificationURIComplete());
        assertThat(Browser.html(form).selectFirst("input[name=user_code]").val())
                .isEqualTo(device.getUserCode().getValue());
        HttpResponse<String> confirm = browser.submit(form, Map.of("username", USER, "password", PASSWORD));
        assertThat(confirm.body()).contains("TV app").contains("read");
        HttpResponse<String> done = browser.submit(confirm, Map.of("decision", "allow"));
        assertThat(done.body()).contains("Device connected");

        Thread.sleep(1_100);
        Tokens tokens = success(tv.poll(device));
        assertThat(tokens.getRefreshToken()).isNotNull();
        assertThat(tokens.getAccessToken().getScope()).isEqualTo(new Scope("read"));
        assertThat(ledger.introspect(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), tokens.getAccessToken().getValue())
                         .getSubject().getValue()).isEqualTo(userId());
        Thread.sleep(1_100);
        assertThat(error(tv.poll(device))).as("a device code is used once").isEqualTo("invalid_grant");
        Tokens refreshed = success(CodeFlowClient.send(new TokenRequest(ledger.uri("/oauth2/token"), tv.id(),
                new RefreshTokenGrant(tokens.getRefreshToken()), null)));
        assertThat(refreshed.getAccessToken().getValue()).isNotEqualTo(tokens.getAccessToken().getValue());

        String grantId = jdbc.queryForObject("SELECT grant_id::text FROM tokens WHERE client_id = ? LIMIT 1",
                String.class, tv.id().getValue());
        assertThat(jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, grantId)).map(type -> type.substring(type.lastIndexOf('.') + 1)).containsExactly(
                "DeviceAuthorizationRequested", "DeviceAuthorizationApproved", "DeviceCodeRedeemed",
                "RefreshTokenRotated");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?
                   OR convert_from(payload, 'UTF8') LIKE ?""", Long.class,
                "%" + device.getDeviceCode().getValue() + "%", "%" + device.getUserCode().getStrippedValue() + "%"))
                .as("neither code reaches the ledger in plaintext").isZero();
    }

    @Test
    void deviceFlow_RFC8628Section3_5_aDeniedRequestIsAccessDeniedAndPollingFastIsSlowDown() throws Exception {
        DeviceClient tv = DeviceClient.register(ledger, adminToken());
        DeviceAuthorizationSuccessResponse device = tv.request(null);
        assertThat(error(tv.poll(device))).isEqualTo("authorization_pending");
        assertThat(error(tv.poll(device))).isEqualTo("slow_down");

        Browser browser = new Browser();
        HttpResponse<String> form = browser.get(device.getVerificationURI());
        HttpResponse<String> confirm = browser.submit(form, Map.of("user_code",
                device.getUserCode().getValue().toLowerCase().replace("-", " "), "username", USER, "password",
                PASSWORD));
        assertThat(confirm.body()).as("case and separators do not matter").contains("TV app");
        assertThat(browser.submit(confirm, Map.of("decision", "deny")).body()).contains("Access denied");

        Thread.sleep(1_100);
        assertThat(error(tv.poll(device))).isEqualTo("access_denied");
        assertThat(browser.submit(confirm, Map.of("decision", "allow")).body())
                .as("a decided code is no longer found").contains("not valid");
    }

    @Test
    void deviceFlow_RFC8628Section5_1_guessedUserCodesAreThrottledAndRecordNothing() {
        DeviceClient tv = DeviceClient.register(ledger, adminToken());
        DeviceAuthorizationSuccessResponse device = tv.request(null);
        Browser browser = new Browser();
        browser.get(ledger.uri("/oauth2/device"));
        HttpResponse<String> signedIn = browser.submit(browser.get(device.getVerificationURIComplete()),
                Map.of("username", USER, "password", PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        long before = eventCount();

        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 12; i++) {
            last = browser.submit(browser.get(ledger.uri("/oauth2/device")), Map.of("user_code", "BCDF-GHJK"));
            refused += last.statusCode() == 429 ? 1 : 0;
        }
        HttpResponse<String> right = browser.submit(browser.get(device.getVerificationURIComplete()), Map.of());

        assertThat(refused).isGreaterThanOrEqualTo(2);
        assertThat(last.body()).contains("Too many codes tried");
        assertThat(right.statusCode()).as("even the right code, until the bucket refills").isEqualTo(429);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void deviceFlow_aUserDisabledAfterApprovingGivesTheDeviceNothing() throws Exception {
        DeviceClient tv = DeviceClient.register(ledger, adminToken());
        String admin = adminToken();
        ledger.createUser(admin, "mallory", PASSWORD);
        DeviceAuthorizationSuccessResponse device = tv.request(null);
        DeviceClient.answer(new Browser(), device, "mallory", PASSWORD, "allow");
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = 'mallory'", String.class);

        assertThat(ledger.manage(admin, "POST", "/admin/users/" + userId + "/disable", null).statusCode())
                .isEqualTo(200);

        assertThat(error(tv.poll(device))).isEqualTo("invalid_grant");
        String grantId = jdbc.queryForObject("SELECT grant_id::text FROM device_authorizations WHERE user_id = ?",
                String.class, userId);
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%GrantRevoked'""", String.class, grantId))
                .as("the approved grant itself is ended, not only refused at the next poll")
                .isEqualTo("USER_DISABLED");
    }

    @Test
    void deviceFlow_aClientNotRegisteredForTheGrantIsUnauthorizedClient() {
        HttpResponse<String> response = ledger.form("/oauth2/device_authorization",
                "client_id=" + webApp.getID().getValue(), "Authorization", LedgerClient.basicHeader(webApp));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unauthorized_client");
    }

    private String userId() {
        return jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER);
    }
}
