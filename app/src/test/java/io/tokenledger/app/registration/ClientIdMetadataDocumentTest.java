package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DocumentServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client ID metadata documents (as the MCP authorization specification uses them): a client whose client_id is the
 * URL of its metadata document signs a user in without being registered by anyone; the server fetches the document
 * under the same limits as a jwks_uri, records the client in the ledger, keeps it to the code flow and the allowed
 * scopes, and refuses a document that lies about its URL, holds a secret, redirects or is missing.
 */
@TestPropertySource(properties = {"ledger.client-id-metadata-documents=true",
        "ledger.fetch.allowed-addresses=127.0.0.1", "ledger.fetch.cache-ttl=PT1S"})
class ClientIdMetadataDocumentTest extends CodeFlowTestBase {

    private static final String DOCUMENT = """
            {"client_id":"%s","client_name":"MCP inspector","redirect_uris":["%s"],
             "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none",
             "scope":"openid profile read ledger:admin","first_party":true,
             "backchannel_logout_uri":"http://127.0.0.1:9/internal"}""";

    private final DocumentServer documents = new DocumentServer();

    @AfterAll
    void stopDocuments() {
        documents.close();
    }

    @Test
    void clientIdMetadataDocument_aClientNamedByItsDocumentSignsAUserInAndIsRecordedInTheLedger() {
        String clientId = documents.uri("/mcp/client.json");
        documents.serve("/mcp/client.json", DOCUMENT.formatted(clientId, CodeFlowClient.REDIRECT_URI));
        CodeFlowClient mcp = new CodeFlowClient(ledger, publicClient(clientId), null);

        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> login = new Browser().get(mcp.authorizationRequest("openid profile", verifier,
                new State()));
        Browser browser = new Browser();
        Tokens tokens = success(mcp.exchange(mcp.signIn(browser, USER, PASSWORD, "openid profile", verifier),
                verifier));

        assertThat(login.body()).contains("MCP inspector").as("the host the user can check").contains("(127.0.0.1)");
        assertThat(jdbc.queryForObject("SELECT backchannel_logout_uri FROM clients WHERE client_id = ?",
                String.class, clientId)).as("the server posts to no URL a document names").isNull();
        assertThat(tokens.getAccessToken().getScope()).isEqualTo(Scope.parse("openid profile"));
        assertThat(jdbc.queryForObject("SELECT registered_by FROM clients WHERE client_id = ?", String.class,
                clientId)).isEqualTo("system:client-id-metadata-document");
        assertThat(jdbc.queryForObject("SELECT scope FROM clients WHERE client_id = ?", String.class, clientId))
                .as("cut to the allowed scopes").isEqualTo("openid profile");
        assertThat(jdbc.queryForObject("SELECT first_party FROM clients WHERE client_id = ?", Boolean.class,
                clientId)).as("a document cannot spare its users the consent page").isFalse();

        assertThat(ledger.manage(adminToken(), "DELETE", "/oauth2/register?client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null).statusCode()).isEqualTo(204);
        assertThat(new Browser().get(mcp.authorizationRequest("openid", new CodeVerifier(), new State()))
                .statusCode()).as("an administrator retired it").isEqualTo(400);
    }

    @Test
    void clientIdMetadataDocument_aChangedDocumentIsRecordedOnceItsCacheTimeHasPassed() throws Exception {
        String clientId = documents.uri("/changing.json");
        String second = "http://127.0.0.1:9877/callback";
        documents.serve("/changing.json", DOCUMENT.formatted(clientId, CodeFlowClient.REDIRECT_URI));
        CodeFlowClient mcp = new CodeFlowClient(ledger, publicClient(clientId), null);
        assertThat(new Browser().get(mcp.authorizationRequest("openid", new CodeVerifier(), new State()))
                .statusCode()).isEqualTo(200);
        Thread.sleep(1_100);
        new Browser().get(mcp.authorizationRequest("openid", new CodeVerifier(), new State()));
        assertThat(clientEvents(clientId)).as("the same document again records nothing").isEqualTo(1);

        documents.serve("/changing.json", """
                {"client_id":"%s","client_name":"MCP inspector","redirect_uris":["%s"],
                 "token_endpoint_auth_method":"none","scope":"openid"}""".formatted(clientId, second));
        Thread.sleep(1_100);
        HttpResponse<String> page = new Browser().get(mcp.authorizationRequest("openid", new CodeVerifier(),
                new State(), URI.create(second)));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(clientEvents(clientId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT redirect_uris[1] FROM clients WHERE client_id = ?", String.class,
                clientId)).isEqualTo(second);
    }

    @Test
    void clientIdMetadataDocument_aDocumentThatLiesHoldsASecretRedirectsOrIsMissingIsRefusedAndRecordsNothing() {
        String liar = documents.uri("/liar.json");
        documents.serve("/liar.json", DOCUMENT.formatted(documents.uri("/someone-else.json"),
                CodeFlowClient.REDIRECT_URI));
        String secret = documents.uri("/secret.json");
        documents.serve("/secret.json", """
                {"client_id":"%s","redirect_uris":["%s"],"token_endpoint_auth_method":"client_secret_basic",
                 "client_secret":"hunter2"}""".formatted(secret, CodeFlowClient.REDIRECT_URI));
        String moved = documents.uri("/moved.json");
        documents.redirect("/moved.json", documents.uri("/liar.json"));
        String credentials = documents.uri("/service.json");
        documents.serve("/service.json", """
                {"client_id":"%s","redirect_uris":["%s"],"grant_types":["client_credentials"],
                 "token_endpoint_auth_method":"private_key_jwt","jwks_uri":"%s"}""".formatted(credentials,
                CodeFlowClient.REDIRECT_URI, documents.uri("/jwks.json")));
        String quote = documents.uri("/quote.json");
        documents.serve("/quote.json", """
                {"client_id":"%s","redirect_uris":["https://a.example/\\"b"],"token_endpoint_auth_method":"none"}"""
                .formatted(quote));
        long before = eventCount();

        for (String clientId : List.of(liar, secret, moved, credentials, quote, documents.uri("/missing.json"),
                documents.uri("/query.json?x=1"))) {
            HttpResponse<String> page = new Browser().get(new CodeFlowClient(ledger, publicClient(clientId), null)
                    .authorizationRequest("openid", new CodeVerifier(), new State()));
            assertThat(page.statusCode()).as(clientId).isEqualTo(400);
            assertThat(page.body()).as(clientId).contains("metadata document is refused");
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(read(ledger.raw(HttpRequest.newBuilder(
                ledger.uri("/.well-known/oauth-authorization-server"))).body()))
                .contains("\"client_id_metadata_document_supported\":true");
    }

    private long clientEvents(String clientId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                   AND payload_type IN ('io.tokenledger.events.client.ClientRegistered',
                                        'io.tokenledger.events.client.ClientUpdated')""", Long.class, clientId);
    }

    private static String read(String body) {
        return body.replace("\\/", "/");
    }

    private static ClientInformation publicClient(String clientId) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setRedirectionURI(CodeFlowClient.REDIRECT_URI);
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));
        return new ClientInformation(new ClientID(clientId), null, metadata, null);
    }
}
