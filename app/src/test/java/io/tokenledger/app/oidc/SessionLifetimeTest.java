package io.tokenledger.app.oidc;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A session past its absolute lifetime is ended when its cookie is next presented, with the event saying so. */
@TestPropertySource(properties = {"ledger.session-max-lifetime=PT2S", "ledger.session-idle-timeout=PT2S"})
class SessionLifetimeTest extends LedgerIntegrationTest {

    @Test
    void aSessionPastItsLifetimeEndsWhenItIsNextPresented() throws Exception {
        String admin = adminToken();
        ledger.createUser(admin, "noether", "correct horse battery");
        ClientInformation client = ledger.registerCodeClient(admin, "openid");
        RelyingParty relyingParty = new RelyingParty(ledger, client, LedgerClient.basic(client));
        Browser browser = new Browser();
        HttpResponse<String> form = browser.get(relyingParty.authenticationRequest("openid", new CodeVerifier(),
                new State(), new Nonce()));
        assertThat(browser.signIn(form, "noether", "correct horse battery").statusCode()).isEqualTo(302);
        Thread.sleep(2_200);

        HttpResponse<String> again = browser.get(relyingParty.authenticationRequest("openid", new CodeVerifier(),
                new State(), new Nonce()));

        assertThat(again.statusCode()).as("the form, not a code").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT end_reason FROM sessions", String.class)).isEqualTo("MAX_LIFETIME");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.session.SessionEnded'""", Long.class)).isOne();
    }
}
