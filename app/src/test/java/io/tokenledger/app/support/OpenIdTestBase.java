package io.tokenledger.app.support;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A ledger with one user and one confidential OpenID Connect client, and Nimbus's relying party for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OpenIdTestBase extends LedgerIntegrationTest {

    protected static final String USER = "grace";
    protected static final String PASSWORD = "correct horse battery";

    protected ClientInformation webApp;
    protected RelyingParty relyingParty;

    /** The scopes the client registers. */
    protected String clientScope() {
        return "openid";
    }

    @BeforeAll
    void registerUserAndClient() {
        ledger = new LedgerClient(port, managementPort);
        String admin = adminToken();
        ledger.createUser(admin, USER, PASSWORD);
        webApp = ledger.registerCodeClient(admin, clientScope());
        relyingParty = new RelyingParty(ledger, webApp, LedgerClient.basic(webApp));
    }

    protected String userId() {
        return jdbc.queryForObject("SELECT user_id FROM users WHERE username = ?", String.class, USER);
    }
}
