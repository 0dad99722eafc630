package io.tokenledger.app.metadata;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.query.cache.MetadataLookups;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestPropertySource(properties = "ledger.issuer=https://ledger.example/")
class MetadataTest extends LedgerIntegrationTest {

    @Test
    void listsExactlyTheEndpointsAndMethodsThatWork_RFC8414Section2() throws Exception {
        var response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/.well-known/oauth-authorization-server")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(JSONObjectUtils.parse(response.body()));
        assertThat(metadata.getIssuer().getValue()).isEqualTo("https://ledger.example");
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create("https://ledger.example/oauth2/token"));
        assertThat(metadata.getRevocationEndpointURI()).isEqualTo(URI.create("https://ledger.example/oauth2/revoke"));
        assertThat(metadata.getIntrospectionEndpointURI()).isEqualTo(URI.create("https://ledger.example/oauth2/introspect"));
        assertThat(metadata.getRegistrationEndpointURI()).isEqualTo(URI.create("https://ledger.example/oauth2/register"));
        assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(URI.create("https://ledger.example/oauth2/authorize"));
        assertThat(metadata.getGrantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE,
                GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS, GrantType.TOKEN_EXCHANGE,
                GrantType.DEVICE_CODE);
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getTokenEndpointAuthMethods()).containsExactlyInAnyOrder(
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.NONE);
        assertThat(metadata.getIntrospectionEndpointAuthMethods()).doesNotContain(ClientAuthenticationMethod.NONE);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
    }

    /**
     * Issue 18, item 13: the scopes a client may ask for are those registered clients hold (the realm's scopes, as
     * Keycloak lists them), the server's own included; a retired client's scopes are not advertised.
     */
    @Test
    void listsTheScopesActiveClientsHold_RFC8414Section2() throws Exception {
        var retired = ledger.register(adminToken(), "secret.scope");
        assertThat(scopes()).contains("secret.scope");
        ledger.register(adminToken(), "read calendar.write");
        ledger.retire(adminToken(), retired);

        assertThat(scopes()).as("this node's own changes show at once, though it keeps what the document reads")
                            .contains("read", "calendar.write", "ledger:admin", "ledger:audit")
                            .doesNotContain("secret.scope").doesNotHaveDuplicates();
    }

    /**
     * Anyone may ask for the document, so it does not query the database on every request; a change this node did not
     * make, another node's or an operator's, shows once what it kept is older than {@link MetadataLookups#KEPT}.
     */
    @Test
    void aChangeMadeElsewhereShowsWithinTheTimeTheDocumentIsKept() throws Exception {
        String clientId = ledger.register(adminToken(), "read").getID().getValue();
        assertThat(scopes()).doesNotContain("elsewhere.scope");

        jdbc.update("UPDATE clients SET scope = scope || ' elsewhere.scope' WHERE client_id = ?", clientId);

        assertThat(scopes()).as("kept").doesNotContain("elsewhere.scope");
        await().atMost(MetadataLookups.KEPT.plusSeconds(1)).until(() -> scopes().contains("elsewhere.scope"));
    }

    @Test
    void theIssuerIsTheOneIntrospectionReports() {
        var client = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(io.tokenledger.app.support.LedgerClient.basic(client), "read");

        assertThat(ledger.introspect(io.tokenledger.app.support.LedgerClient.basic(client), token).getIssuer().getValue())
                .isEqualTo("https://ledger.example");
    }

    private List<String> scopes() throws Exception {
        var response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/.well-known/oauth-authorization-server")).GET());
        return AuthorizationServerMetadata.parse(JSONObjectUtils.parse(response.body())).getScopes().toStringList();
    }
}
