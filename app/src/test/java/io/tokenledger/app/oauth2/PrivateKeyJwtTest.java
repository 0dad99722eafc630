package io.tokenledger.app.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.DocumentServer;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7523 §2.2 client authentication with {@code private_key_jwt} (OpenID Connect Core §9), driven by Nimbus's
 * client classes over HTTP, and attacked as a holder of an old assertion, or a client whose {@code jwks_uri} points
 * where it should not, would. The loopback address is allow-listed for the client's web server here, as an operator
 * would list an internal network; every other private address stays refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"ledger.fetch.allowed-addresses=127.0.0.1", "ledger.fetch.timeout=PT1S",
        "ledger.fetch.max-bytes=8192", "ledger.client-auth-failures-per-address=1000"})
class PrivateKeyJwtTest extends LedgerIntegrationTest {

    private final DocumentServer clientServer = new DocumentServer();
    private final RSAKey key = rsaKey("k-1");

    @AfterAll
    void stopTheClientsServer() {
        clientServer.close();
    }

    @Test
    void privateKeyJwt_RFC7523Section2_2_aClientWithRegisteredKeysAuthenticatesAtTokenIntrospectionAndRevocation() {
        ClientInformation client = registerWithKeys(new JWKSet(key).toPublicJWKSet().toString());

        AccessTokenResponse issued = token(assertion(client, key, issuer())).toSuccessResponse();
        String token = issued.getTokens().getAccessToken().getValue();

        assertThat(ledger.introspect(assertion(client, key, issuer()), token).isActive()).isTrue();
        assertThat(ledger.revoke(assertion(client, key, issuer()), token).getStatusCode()).isEqualTo(200);
        assertThat(ledger.introspect(assertion(client, key, issuer()), token).isActive()).isFalse();
    }

    /** RFC 9126 §2: a pushed authorization request is authenticated as a token request is. */
    @Test
    void privateKeyJwt_aCodeFlowClientAuthenticatesAtThePushedAuthorizationRequestEndpoint_RFC9126Section2() {
        HttpResponse<String> registration = ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code"],"redirect_uris":["%s"],"scope":"read",
                 "token_endpoint_auth_method":"private_key_jwt","jwks":%s}""".formatted(CodeFlowClient.REDIRECT_URI,
                new JWKSet(key).toPublicJWKSet()));
        ClientInformation client = LedgerClient.clientInformation(registration);
        AuthorizationRequest request = new AuthorizationRequest.Builder(ResponseType.CODE, client.getID())
                .redirectionURI(CodeFlowClient.REDIRECT_URI).scope(new Scope("read"))
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build();

        HTTPResponse pushed = send(new PushedAuthorizationRequest(ledger.uri("/oauth2/par"),
                assertion(client, key, issuer()), request).toHTTPRequest());
        HTTPResponse unsigned = send(new PushedAuthorizationRequest(ledger.uri("/oauth2/par"),
                assertion(client, rsaKey("k-1"), issuer()), request).toHTTPRequest());

        assertThat(pushed.getStatusCode()).isEqualTo(201);
        assertThat(unsigned.getStatusCode()).isEqualTo(401);
    }

    @Test
    void aReplayedAssertionIsRefusedAndOnlyTheFailureRecorded_RFC7523Section3() {
        ClientInformation client = registerWithKeys(new JWKSet(key).toPublicJWKSet().toString());
        PrivateKeyJWT assertion = assertion(client, key, issuer());
        assertThat(token(assertion).indicatesSuccess()).isTrue();
        long events = eventCount();

        TokenResponse replayed = token(assertion);

        assertRefused(replayed, "assertion_replayed");
        assertThat(eventCount()).isEqualTo(events);
    }

    /**
     * RFC 7523bis and the OpenID Foundation's 2025 errata: the audience is this server's issuer identifier, alone. An
     * assertion addressed to the token endpoint's URL could have been sent by the client to a server posing as this
     * one, which names our endpoints as its own; a multi-valued audience could be meant for anyone.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"the token endpoint's URL, /oauth2/token,", "the issuer and another, , https://other.example",
                "another server, https://other.example,"})
    void anAssertionNotAddressedToTheIssuerAloneIsRefused_RFC7523bisSection3(String name, String audience,
                                                                             String also) {
        ClientInformation client = registerWithKeys(new JWKSet(key).toPublicJWKSet().toString());
        String first = audience == null ? issuer() : audience.startsWith("/") ? issuer() + audience : audience;
        List<Audience> audiences = also == null ? Audience.create(first) : Audience.create(first, also);

        assertRefused(token(assertion(client, key, audiences, Duration.ofMinutes(1), new JWTID())), "bad_assertion");
    }

    @Test
    void anAssertionSignedByAnotherKeyOrLivingLongerThanFiveMinutesOrWithoutJtiIsRefused() {
        ClientInformation client = registerWithKeys(new JWKSet(key).toPublicJWKSet().toString());

        assertRefused(token(assertion(client, rsaKey("k-1"), issuer())), "bad_assertion");
        assertRefused(token(assertion(client, key, Audience.create(issuer()), Duration.ofHours(1), new JWTID())),
                "assertion_lives_too_long");
        assertRefused(token(assertion(client, key, Audience.create(issuer()), Duration.ofMinutes(1), null)),
                "assertion_without_jti");
    }

    /**
     * RFC 7523 §3 item 7: a used jti is kept as long as the assertion would be accepted, which is past its exp by
     * the clock skew the verifier allows; authenticating again in between must not forget it.
     */
    @Test
    void anAssertionIsRememberedPastItsExpiryForAsLongAsItWouldBeAccepted_RFC7523Section3() throws Exception {
        ClientInformation client = registerWithKeys(new JWKSet(key).toPublicJWKSet().toString());
        PrivateKeyJWT shortLived = assertion(client, key, Audience.create(issuer()), Duration.ofSeconds(1),
                new JWTID());
        assertThat(token(shortLived).indicatesSuccess()).isTrue();
        Thread.sleep(2_000);
        assertThat(token(assertion(client, key, issuer())).indicatesSuccess()).isTrue();

        assertRefused(token(shortLived), "assertion_replayed");
    }

    /** A client whose jwks_uri is down makes this server fetch it once, not once per request naming it. */
    @Test
    void aFailedFetchOfAJwksUriIsNotRepeatedAtOnce() {
        ClientInformation downClient = registerWithJwksUri(clientServer.uri("/down/jwks"));

        assertRefused(token(assertion(downClient, key, issuer())), "jwks_uri_status");
        assertRefused(token(assertion(downClient, key, issuer())), "jwks_uri_status");
        assertThat(clientServer.requests("/down/jwks")).isEqualTo(1);
    }

    @Test
    void aClientWithASecretCannotAuthenticateWithAnAssertionNorWithBothAtOnce() {
        ClientInformation secretClient = ledger.register(adminToken(), "read");
        RSAKey stranger = rsaKey("k-9");

        assertRefused(token(assertion(secretClient, stranger, issuer())), "wrong_method");
        HttpResponse<String> both = ledger.form("/oauth2/token", "grant_type=client_credentials"
                + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion="
                + assertion(secretClient, stranger, issuer()).getClientAssertion().serialize(),
                "Authorization", LedgerClient.basicHeader(secretClient));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"error\":\"invalid_request\"");
    }

    @Test
    void keysAtAJwksUriAreFetchedCachedAndFetchedAgainForAKeyIdNotSeenYet() throws InterruptedException {
        clientServer.serve("/rotating/jwks", new JWKSet(key).toPublicJWKSet().toString());
        ClientInformation client = registerWithJwksUri(clientServer.uri("/rotating/jwks"));

        assertThat(token(assertion(client, key, issuer())).indicatesSuccess()).isTrue();
        assertThat(token(assertion(client, key, issuer())).indicatesSuccess()).isTrue();
        assertThat(clientServer.requests("/rotating/jwks")).isEqualTo(1);

        Thread.sleep(1_100);
        RSAKey rotated = rsaKey("k-2");
        clientServer.serve("/rotating/jwks", new JWKSet(List.of(key, rotated)).toPublicJWKSet().toString());
        assertThat(token(assertion(client, rotated, issuer())).indicatesSuccess()).isTrue();
        assertThat(clientServer.requests("/rotating/jwks")).isEqualTo(2);
    }

    /**
     * RFC 7591 §5 and OWASP ASVS V12.6.1 (server-side request forgery): a jwks_uri that is slow, huge, redirects or
     * points into a private network fails the client's authentication, within the fetch's time limit, and the ledger
     * records why, and nothing else.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"slow, jwks_uri_timeout", "huge, jwks_uri_too_large", "redirecting, jwks_uri_redirect",
                "private, jwks_uri_private_address", "loopback-v6, jwks_uri_private_address",
                "missing, jwks_uri_status"})
    void aHostileJwksUriFailsTheAuthenticationAndIsRecorded_RFC7591Section5(String kind, String reason) {
        String jwks = new JWKSet(key).toPublicJWKSet().toString();
        String uri = switch (kind) {
            case "slow" -> {
                clientServer.serveSlowly("/slow/jwks", jwks, 3_000);
                yield clientServer.uri("/slow/jwks");
            }
            case "huge" -> {
                clientServer.serveHuge("/huge/jwks", jwks, 1_000);
                yield clientServer.uri("/huge/jwks");
            }
            case "redirecting" -> {
                clientServer.serve("/real/jwks", jwks);
                clientServer.redirect("/moved/jwks", clientServer.uri("/real/jwks"));
                yield clientServer.uri("/moved/jwks");
            }
            case "private" -> "https://192.168.0.1/jwks";
            case "loopback-v6" -> "http://[::1]:9/jwks";
            default -> clientServer.uri("/nothing/here");
        };
        ClientInformation client = registerWithJwksUri(uri);
        long events = eventCount();
        Instant started = Instant.now();

        assertRefused(token(assertion(client, key, issuer())), reason);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(2_500));
        assertThat(eventCount()).isEqualTo(events);
        assertThat(clientServer.requests("/real/jwks")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a private key | \"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":PRIVATE",
            "jwks and jwks_uri | \"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":PUBLIC,"
                    + "\"jwks_uri\":\"https://client.example/jwks\"",
            "no keys | \"token_endpoint_auth_method\":\"private_key_jwt\"",
            "a weak key | \"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":WEAK",
            "keys without private_key_jwt | \"jwks\":PUBLIC",
            "a jwks_uri in a private network over http | \"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks_uri\":\"http://10.0.0.1/jwks\""})
    void registrationRefusesKeysItCannotTrust_RFC7591Section2(String name, String fields) throws JOSEException {
        String json = fields.replace("PRIVATE", new JWKSet(key).toString(false))
                            .replace("PUBLIC", new JWKSet(key).toPublicJWKSet().toString())
                            .replace("WEAK", new JWKSet(new RSAKeyGenerator(1024, true).generate()).toPublicJWKSet()
                                                                                              .toString());
        HttpResponse<String> response = ledger.registerJson(adminToken(),
                "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"," + json + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_client_metadata\"")
                                   .doesNotContain(key.getPrivateExponent().toString());
    }

    @Test
    void theMetadataListsPrivateKeyJwtAndItsAlgorithmsAtEveryEndpoint_RFC8414Section2() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(issuer()));

        assertThat(metadata.getTokenEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(metadata.getIntrospectionEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(metadata.getRevocationEndpointAuthMethods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(metadata.getTokenEndpointJWSAlgs()).contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256)
                                                      .doesNotContain(JWSAlgorithm.HS256);
    }

    private String issuer() {
        return ledger.uri("").toString();
    }

    private void assertRefused(TokenResponse response, String reason) {
        assertThat(response.indicatesSuccess()).isFalse();
        TokenErrorResponse error = response.toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.security.ClientAuthenticationFailed'
                ORDER BY global_index DESC LIMIT 1""", String.class)).isEqualTo(reason);
    }

    private static HTTPResponse send(HTTPRequest request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TokenResponse token(ClientAuthentication client) {
        TokenRequest request = new TokenRequest(ledger.uri("/oauth2/token"), client, new ClientCredentialsGrant(),
                new Scope("read"));
        try {
            HTTPResponse response = request.toHTTPRequest().send();
            return TokenResponse.parse(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private ClientInformation registerWithKeys(String jwks) {
        return registered("\"jwks\":" + jwks);
    }

    private ClientInformation registerWithJwksUri(String uri) {
        return registered("\"jwks_uri\":\"" + uri + "\"");
    }

    private ClientInformation registered(String keys) {
        HttpResponse<String> response = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read","token_endpoint_auth_method":"private_key_jwt",
                 %s}""".formatted(keys));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).doesNotContain("client_secret\"");
        return LedgerClient.clientInformation(response);
    }

    private static PrivateKeyJWT assertion(ClientInformation client, RSAKey key, String audience) {
        return assertion(client, key, Audience.create(audience), Duration.ofMinutes(1), new JWTID());
    }

    private static PrivateKeyJWT assertion(ClientInformation client, RSAKey key, List<Audience> audience,
                                           Duration lifetime, JWTID jti) {
        Instant now = Instant.now();
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(client.getID().getValue()),
                audience, Date.from(now.plus(lifetime)), null, Date.from(now), jti);
        try {
            return new PrivateKeyJWT(claims, JWSAlgorithm.RS256, key.toRSAPrivateKey(), key.getKeyID(), null);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }
}
