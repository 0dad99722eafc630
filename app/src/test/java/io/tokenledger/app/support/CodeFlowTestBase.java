package io.tokenledger.app.support;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A ledger with one user and one confidential code-flow client, set up once per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CodeFlowTestBase extends LedgerIntegrationTest {

    protected static final String USER = "ada";
    protected static final String PASSWORD = "correct horse battery";

    protected ClientInformation webApp;
    protected ClientAuthentication webAppAuth;
    protected CodeFlowClient client;

    @BeforeAll
    void registerUserAndClient() {
        ledger = new LedgerClient(port, managementPort);
        String admin = adminToken();
        ledger.createUser(admin, USER, PASSWORD);
        webApp = ledger.registerCodeClient(admin, "read write");
        webAppAuth = LedgerClient.basic(webApp);
        client = new CodeFlowClient(ledger, webApp, webAppAuth);
    }

    /**
     * Every way the code flow issues and ends tokens: a redemption, a rotation, a retried rotation superseding the
     * unused successor, a revoked grant, a replayed code.
     */
    protected void everyWayOfTheCodeFlow() {
        Tokens first = tokens(new CodeVerifier());
        success(client.refresh(first.getRefreshToken(), null));
        Tokens retried = success(client.refresh(first.getRefreshToken(), null));
        ledger.revoke(webAppAuth, retried.getAccessToken().getValue());
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);
        success(client.exchange(code, verifier));
        client.exchange(code, verifier);
    }

    protected AuthorizationCode code(CodeVerifier verifier) {
        return client.signIn(new Browser(), USER, PASSWORD, "read write", verifier);
    }

    protected Tokens tokens(CodeVerifier verifier) {
        return success(client.exchange(code(verifier), verifier));
    }

    protected static Tokens success(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("refused: " + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        return ((AccessTokenResponse) response).getTokens();
    }

    protected static String error(TokenResponse response) {
        if (response.indicatesSuccess()) {
            throw new AssertionError("expected a refusal");
        }
        return response.toErrorResponse().getErrorObject().getCode();
    }

    protected boolean active(String token) {
        return ledger.introspect(webAppAuth, token).isActive();
    }
}
