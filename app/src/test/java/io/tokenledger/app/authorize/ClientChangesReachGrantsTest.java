package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an administrator does to a client reaches the grants it holds (RFC 6749 §3.3, RFC 7592 §2.3): a refresh or a
 * code never yields a scope the client no longer has, and each grant's history says when and why it changed.
 */
class ClientChangesReachGrantsTest extends CodeFlowTestBase {

    @Test
    void aRefreshGetsOnlyTheScopesTheClientStillHas_RFC6749Section6() {
        String admin = adminToken();
        ClientInformation app = ledger.registerCodeClient(admin, "read write");
        CodeFlowClient appClient = new CodeFlowClient(ledger, app, LedgerClient.basic(app));
        Tokens issued = signIn(appClient);
        narrow(admin, app, "read");

        Tokens refreshed = success(appClient.refresh(issued.getRefreshToken(), null));

        assertThat(refreshed.getAccessToken().getScope()).isEqualTo(Scope.parse("read"));
        assertThat(error(appClient.refresh(refreshed.getRefreshToken(), "read write")))
                .isEqualTo("invalid_scope");
        assertThat(grantEvents(issued)).contains("GrantNarrowed");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'withdrawn' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%GrantNarrowed'""", String.class, grantId(issued)))
                .isEqualTo("[\"write\"]");
    }

    @Test
    void aCodeIssuedBeforeTheClientWasNarrowedYieldsOnlyWhatItStillHas() {
        String admin = adminToken();
        ClientInformation app = ledger.registerCodeClient(admin, "read write");
        CodeFlowClient appClient = new CodeFlowClient(ledger, app, LedgerClient.basic(app));
        CodeVerifier verifier = new CodeVerifier();
        var code = appClient.signIn(new Browser(), USER, PASSWORD, "read write", verifier);
        narrow(admin, app, "read");

        Tokens tokens = success(appClient.exchange(code, verifier));

        assertThat(tokens.getAccessToken().getScope()).isEqualTo(Scope.parse("read"));
    }

    @Test
    void aNarrowedClientsIdleGrantsSaySoWithoutBeingUsed() {
        String admin = adminToken();
        ClientInformation app = ledger.registerCodeClient(admin, "read write");
        Tokens issued = signIn(new CodeFlowClient(ledger, app, LedgerClient.basic(app)));

        narrow(admin, app, "read");

        await().atMost(Duration.ofSeconds(20)).until(() -> grantEvents(issued).contains("GrantNarrowed"));
    }

    @Test
    void aRetiredClientsGrantsAreRevokedInTheirHistory_RFC7592Section2_3() {
        String admin = adminToken();
        ClientInformation app = ledger.registerCodeClient(admin, "read");
        Tokens issued = signIn(new CodeFlowClient(ledger, app, LedgerClient.basic(app)));

        assertThat(ledger.retire(admin, app)).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).until(() -> grantEvents(issued).contains("GrantRevoked"));
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%GrantRevoked'""", String.class, grantId(issued)))
                .isEqualTo("CLIENT_RETIRED");
    }

    private Tokens signIn(CodeFlowClient appClient) {
        CodeVerifier verifier = new CodeVerifier();
        return success(appClient.exchange(appClient.signIn(new Browser(), USER, PASSWORD, null, verifier), verifier));
    }

    private void narrow(String admin, ClientInformation app, String scope) {
        String id = app.getID().getValue();
        assertThat(ledger.manage(admin, "PUT", "/oauth2/register/" + id, """
                {"client_id":"%s","client_name":"web app","grant_types":["authorization_code","refresh_token"],
                 "redirect_uris":["%s"],"scope":"%s"}""".formatted(id, CodeFlowClient.REDIRECT_URI, scope))
                         .statusCode()).isEqualTo(200);
    }

    private String grantId(Tokens tokens) {
        return jdbc.queryForObject("SELECT grant_id::text FROM tokens WHERE access_token = ?", String.class,
                Secrets.sha256(tokens.getAccessToken().getValue()));
    }

    private List<String> grantEvents(Tokens tokens) {
        return jdbc.queryForList("""
                SELECT substring(payload_type from '[^.]+$') FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number""", String.class, grantId(tokens));
    }
}
