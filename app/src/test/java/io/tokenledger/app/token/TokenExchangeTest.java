package io.tokenledger.app.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token exchange (RFC 8693) driven by Nimbus's {@link TokenExchangeGrant}: a gateway exchanges a user's token for a
 * narrower one for its backend; the ledger links the new token to the tokens it came from; a wider scope or audience,
 * a token that is not an active access token of this server, or someone else's actor token is refused with nothing
 * recorded; revoking the subject token revokes what was exchanged from it when the gateway asked for that.
 */
class TokenExchangeTest extends CodeFlowTestBase {

    private static final String TOKEN_EXCHANGE = GrantType.TOKEN_EXCHANGE.getValue();
    private static final String ORDERS = "https://orders.example";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tokenExchange_RFC8693Section2_aGatewayGetsANarrowerTokenForTheSameUserLinkedToWhatItCameFrom() {
        ClientAuthentication gateway = gateway(true, "opaque");
        AccessToken user = tokens(new CodeVerifier()).getAccessToken();
        AccessToken own = ledger.tokenResponse(gateway, "read").toSuccessResponse().getTokens().getAccessToken();

        AccessToken exchanged = success(exchange(gateway, user, own, "read", ORDERS)).getAccessToken();

        assertThat(exchanged.getIssuedTokenType()).isEqualTo(TokenTypeURI.ACCESS_TOKEN);
        assertThat(exchanged.getScope()).isEqualTo(new Scope("read"));
        TokenIntrospectionSuccessResponse subject = ledger.introspect(webAppAuth, user.getValue());
        TokenIntrospectionSuccessResponse result = ledger.introspect(gateway, exchanged.getValue());
        assertThat(result.isActive()).isTrue();
        assertThat(result.getSubject()).isEqualTo(subject.getSubject());
        assertThat(result.getAudience()).containsExactly(new Audience(ORDERS));
        assertThat(result.getExpirationTime()).isBeforeOrEqualTo(subject.getExpirationTime());
        JsonNode issued = history(result.getJWTID().getValue()).get("items").get(0);
        assertThat(issued.get("type").asText()).endsWith(".TokenIssued");
        JsonNode from = issued.get("payload").get("exchangedFrom");
        assertThat(from.get("subjectTokenId").asText()).isEqualTo(subject.getJWTID().getValue());
        assertThat(from.get("actorTokenId").asText())
                .isEqualTo(ledger.introspect(gateway, own.getValue()).getJWTID().getValue());
        assertThat(issued.get("payload").get("grantType").asText()).isEqualTo(TOKEN_EXCHANGE);
    }

    @Test
    void tokenExchange_RFC8693Section4_1_aJwtAccessTokenNamesTheActorAndTheUser() throws Exception {
        ClientAuthentication gateway = gateway(false, "jwt");
        AccessToken user = tokens(new CodeVerifier()).getAccessToken();
        AccessToken own = ledger.tokenResponse(gateway, "read").toSuccessResponse().getTokens().getAccessToken();

        AccessToken exchanged = success(exchange(gateway, user, own, null, null)).getAccessToken();

        JWTClaimsSet claims = SignedJWT.parse(exchanged.getValue()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(ledger.introspect(webAppAuth, user.getValue()).getSubject()
                                                        .getValue());
        assertThat(claims.getJSONObjectClaim("act")).containsEntry("sub", gateway.getClientID().getValue());
        assertThat(claims.getStringClaim("scope")).isEqualTo("read");
        // A JWT access token of this server is accepted as a subject token of type jwt, too.
        TokenResponse again = exchangeRaw(gateway, new TokenExchangeGrant(new TypelessAccessToken(exchanged.getValue()),
                TokenTypeURI.JWT), null, null);
        assertThat(success(again).getAccessToken().getScope()).isEqualTo(new Scope("read"));
    }

    @Test
    void tokenExchange_RFC8693Section2_2_2_anExchangeThatWidensScopeOrAudienceIsRefusedAndRecordsNothing() {
        ClientAuthentication gateway = gateway(true, "opaque");
        CodeVerifier verifier = new CodeVerifier();
        AccessToken forGateway = success(client.exchange(code(verifier), verifier,
                List.of(URI.create("https://gateway.example")))).getAccessToken();
        long before = eventCount();

        assertThat(error(exchange(gateway, forGateway, null, "write", null))).isEqualTo("invalid_scope");
        assertThat(error(exchange(gateway, forGateway, null, "read admin", null))).isEqualTo("invalid_scope");
        assertThat(error(exchange(gateway, forGateway, null, null, "https://elsewhere.example")))
                .as("neither the subject's audience nor the client's").isEqualTo("invalid_target");
        assertThat(error(exchange(gateway, forGateway, null, null, "not a uri"))).isEqualTo("invalid_target");
        assertThat(eventCount()).isEqualTo(before);

        assertThat(success(exchange(gateway, forGateway, null, null, ORDERS)).getAccessToken()).as("the client's")
                .isNotNull();
        AccessToken anywhere = tokens(new CodeVerifier()).getAccessToken();
        AccessToken narrowed = success(exchange(gateway, anywhere, null, null, "https://elsewhere.example"))
                .getAccessToken();
        assertThat(ledger.introspect(gateway, narrowed.getValue()).getAudience())
                .as("a token for any resource narrows to one").containsExactly(new Audience("https://elsewhere.example"));
    }

    @Test
    void tokenExchange_RFC8693Section2_2_2_whatIsNotAnActiveAccessTokenOfTheCallersUserIsRefused() {
        ClientAuthentication gateway = gateway(true, "opaque");
        ClientAuthentication other = gateway(true, "opaque");
        var tokens = tokens(new CodeVerifier());
        AccessToken user = tokens.getAccessToken();
        AccessToken serviceToken = ledger.tokenResponse(other, "read").toSuccessResponse().getTokens()
                                         .getAccessToken();
        long before = eventCount();

        assertThat(error(exchange(gateway, new BearerAccessToken("not-a-token"), null, null, null)))
                .isEqualTo("invalid_request");
        assertThat(error(exchange(gateway, serviceToken, null, null, null))).as("a client's own token")
                .isEqualTo("invalid_request");
        assertThat(error(exchange(gateway, user, serviceToken, null, null))).as("another client's actor token")
                .isEqualTo("invalid_request");
        assertThat(error(exchangeRaw(gateway, new TokenExchangeGrant(tokens.getRefreshToken(),
                TokenTypeURI.REFRESH_TOKEN), null, null))).isEqualTo("invalid_request");
        assertThat(error(exchangeRaw(gateway, new TokenExchangeGrant(user, TokenTypeURI.ACCESS_TOKEN, null, null,
                TokenTypeURI.ID_TOKEN, null), null, null))).as("requested_token_type id_token")
                .isEqualTo("invalid_request");
        assertThat(error(exchangeRaw(webAppAuth, new TokenExchangeGrant(user, TokenTypeURI.ACCESS_TOKEN), null,
                null))).as("a client not registered for the grant").isEqualTo("unauthorized_client");
        ledger.revoke(webAppAuth, user.getValue());
        long afterRevocation = eventCount();
        assertThat(error(exchange(gateway, user, null, null, null))).as("a revoked subject token")
                .isEqualTo("invalid_request");

        assertThat(afterRevocation - before).as("the revocation alone").isEqualTo(1);
        assertThat(eventCount()).isEqualTo(afterRevocation);
    }

    @Test
    void tokenExchange_revokingTheSubjectTokenRevokesWhatWasExchangedFromItWhenTheClientSaidSo() {
        ClientAuthentication following = gateway(true, "opaque");
        ClientAuthentication independent = gateway(false, "opaque");
        AccessToken user = tokens(new CodeVerifier()).getAccessToken();
        AccessToken first = success(exchange(following, user, null, null, null)).getAccessToken();
        AccessToken second = success(exchange(following, first, null, null, null)).getAccessToken();
        AccessToken kept = success(exchange(independent, user, null, null, null)).getAccessToken();

        ledger.revoke(webAppAuth, user.getValue());

        await().atMost(Duration.ofSeconds(20)).until(() -> !ledger.introspect(following, second.getValue()).isActive());
        assertThat(ledger.introspect(following, first.getValue()).isActive()).isFalse();
        assertThat(ledger.introspect(independent, kept.getValue()).isActive()).isTrue();
        String id = jdbc.queryForObject("SELECT token_id::text FROM tokens WHERE subject_token_id IS NOT NULL "
                + "AND revocation_reason = 'SUBJECT_TOKEN_REVOKED' AND client_id = ? ORDER BY created_at LIMIT 1",
                String.class, following.getClientID().getValue());
        JsonNode revoked = history(id).get("items").get(1);
        assertThat(revoked.get("type").asText()).endsWith(".TokenRevoked");
        assertThat(revoked.get("payload").get("actor").get("kind").asText()).isEqualTo("system");
    }

    @Test
    void tokenExchange_disablingTheUserEndsWhatWasExchangedForThemAndTheirTokensAreExchangedNoMore() {
        ClientAuthentication gateway = gateway(false, "opaque");
        String admin = adminToken();
        ledger.createUser(admin, "grace", PASSWORD);
        CodeVerifier verifier = new CodeVerifier();
        AccessToken user = success(client.exchange(client.signIn(new Browser(), "grace", PASSWORD, "read write",
                verifier), verifier)).getAccessToken();
        AccessToken exchanged = success(exchange(gateway, user, null, null, null)).getAccessToken();
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = 'grace'", String.class);

        assertThat(ledger.manage(admin, "POST", "/admin/users/" + userId + "/disable", null).statusCode())
                .isEqualTo(200);

        assertThat(ledger.introspect(gateway, exchanged.getValue()).isActive()).isFalse();
        assertThat(jdbc.queryForObject("SELECT revocation_reason FROM tokens WHERE user_id = ? AND client_id = ?",
                String.class, userId, gateway.getClientID().getValue())).isEqualTo("USER_DISABLED");
    }

    @Test
    void tokenExchange_registrationStatesTheExchangeAudiencesAndRefusesThemWithoutTheGrant() {
        HttpResponse<String> withoutGrant = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read",
                 "token_exchange_audiences":["https://orders.example"]}""");
        HttpResponse<String> notUris = ledger.registerJson(adminToken(), """
                {"grant_types":["%s"],"scope":"read","token_exchange_audiences":["orders"]}""".formatted(
                TOKEN_EXCHANGE));
        HttpResponse<String> publicClient = ledger.registerJson(adminToken(), """
                {"grant_types":["%s"],"scope":"read","token_endpoint_auth_method":"none"}""".formatted(
                TOKEN_EXCHANGE));
        HttpResponse<String> registered = ledger.registerJson(adminToken(), """
                {"grant_types":["%s"],"scope":"read","token_exchange_audiences":["%s"],
                 "token_exchange_revoked_with_subject":true}""".formatted(TOKEN_EXCHANGE, ORDERS));

        for (HttpResponse<String> refused : List.of(withoutGrant, notUris, publicClient)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("invalid_client_metadata");
        }
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode body = read(registered.body());
        assertThat(body.get("token_exchange_audiences").get(0).asText()).isEqualTo(ORDERS);
        assertThat(body.get("token_exchange_revoked_with_subject").asBoolean()).isTrue();
        assertThat(read(ledger.raw(HttpRequest.newBuilder(ledger.uri("/.well-known/oauth-authorization-server")))
                .body()).get("grant_types_supported").toString()).contains(TOKEN_EXCHANGE);
    }

    /** A gateway: its own tokens by client credentials, and exchange for {@link #ORDERS}. */
    private ClientAuthentication gateway(boolean revokedWithSubject, String format) {
        HttpResponse<String> response = ledger.registerJson(adminToken(), """
                {"client_name":"gateway","grant_types":["client_credentials","%s"],"scope":"read",
                 "token_exchange_audiences":["%s"],"token_exchange_revoked_with_subject":%s,
                 "access_token_format":"%s"}""".formatted(TOKEN_EXCHANGE, ORDERS, revokedWithSubject, format));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        ClientInformation client = LedgerClient.clientInformation(response);
        return LedgerClient.basic(client);
    }

    private TokenResponse exchange(ClientAuthentication client, AccessToken subject, AccessToken actor, String scope,
                                   String audience) {
        TokenExchangeGrant grant = new TokenExchangeGrant(subject, TokenTypeURI.ACCESS_TOKEN, actor,
                actor == null ? null : TokenTypeURI.ACCESS_TOKEN, null,
                audience == null ? null : List.of(new Audience(audience)));
        return exchangeRaw(client, grant, scope, null);
    }

    private TokenResponse exchangeRaw(ClientAuthentication client, TokenExchangeGrant grant, String scope,
                                      List<URI> resources) {
        TokenRequest request = new TokenRequest.Builder(ledger.uri("/oauth2/token"), client, grant)
                .scope(scope == null ? null : Scope.parse(scope)).resources(resources == null ? null
                        : resources.toArray(URI[]::new)).build();
        return CodeFlowClient.send(request);
    }

    private JsonNode history(String tokenId) {
        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/ledger/tokens/" + tokenId
                + "/history")).header("Authorization", "Bearer " + adminToken()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
