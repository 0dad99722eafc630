package io.tokenledger.app.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.OpenIdTestBase;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT access tokens (RFC 9068) for the clients that ask for them: signed from what the ledger recorded, validated by a
 * resource server with nothing but {@code /oauth2/jwks}, and still the ledger's to revoke, which introspection tells
 * and a signature-only check cannot. Forgeries are tried as someone holding a real token would try them.
 */
class JwtAccessTokenTest extends OpenIdTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected String clientScope() {
        return "openid profile read";
    }

    @Test
    void rfc9068_aClientCredentialsTokenIsAJwtOfTheRecordedClaimsSignedByTheKeyTheLedgerNames() throws Exception {
        ClientAuthentication service = jwtService("read");
        String value = ledger.accessToken(service, "read");

        JWTClaimsSet claims = resourceServer().process(value, null);
        SignedJWT jwt = SignedJWT.parse(value);
        String clientId = service.getClientID().getValue();
        String tokenId = ledger.introspect(service, value).getJWTID().getValue();

        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(claims.getIssuer()).isEqualTo(ledger.uri("").toString());
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getAudience()).containsExactly(clientId);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getStringClaim("scope")).isEqualTo("read");
        assertThat(claims.getJWTID()).isEqualTo(tokenId);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
        JsonNode issued = event("TokenIssued", tokenId);
        assertThat(issued.at("/keyId").asText()).isEqualTo(jwt.getHeader().getKeyID());
        assertThat(issued.has("accessTokenHash")).as("no hash of a value that did not exist yet").isFalse();
        assertThat(jdbc.queryForObject("SELECT access_token FROM tokens WHERE token_id = ?::uuid", String.class,
                tokenId)).isEqualTo("jwt:" + tokenId);
    }

    @Test
    void rfc8707_theAudienceIsTheResourceTheTokenWasIssuedFor() throws Exception {
        ClientInformation service = jwtServiceClient("read");
        HttpResponse<String> response = ledger.form("/oauth2/token",
                "grant_type=client_credentials&scope=read&resource=https%3A%2F%2Fapi.example%2F",
                "Authorization", LedgerClient.basicHeader(service));

        String value = json.readTree(response.body()).at("/access_token").asText();

        assertThat(resourceServer().process(value, null).getAudience()).containsExactly("https://api.example/");
    }

    /** What docs/api.md warns of: a resource server that only checks the signature keeps accepting it. */
    @Test
    void rfc7009_aRevokedJwtIsInactiveAtIntrospectionThoughItsSignatureStillHolds() throws Exception {
        ClientAuthentication service = jwtService("read");
        String value = ledger.accessToken(service, "read");

        assertThat(ledger.revoke(service, value).getStatusCode()).isEqualTo(200);

        assertThat(ledger.introspect(service, value).isActive()).isFalse();
        assertThat(resourceServer().process(value, null).getJWTID()).isNotNull();
        assertThat(jdbc.queryForObject("SELECT revocation_reason FROM tokens WHERE access_token = ?", String.class,
                "jwt:" + SignedJWT.parse(value).getJWTClaimsSet().getJWTID())).isEqualTo("REVOKED_BY_CLIENT");
    }

    @Test
    void aJwtSignedByAnotherKeyUnderTheLedgersKidIsNoToken() throws Exception {
        ClientAuthentication service = jwtService("read");
        SignedJWT real = SignedJWT.parse(ledger.accessToken(service, "read"));
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(attacker));

        assertThat(ledger.introspect(service, forged.serialize()).isActive()).isFalse();
    }

    @Test
    void aJwtWhoseClaimsWereEditedOrWhoseSignatureWasDroppedIsNoToken() throws Exception {
        ClientAuthentication service = jwtService("read");
        String value = ledger.accessToken(service, "read");
        String[] parts = value.split("\\.");
        JWTClaimsSet claims = SignedJWT.parse(value).getJWTClaimsSet();
        JWTClaimsSet widened = new JWTClaimsSet.Builder(claims).claim("scope", "read ledger:admin").build();
        String edited = parts[0] + "." + widened.toPayload().toBase64URL() + "." + parts[2];
        String unsigned = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(), claims)
                .serialize();

        assertThat(ledger.introspect(service, edited).isActive()).isFalse();
        assertThat(ledger.introspect(service, unsigned).isActive()).isFalse();
    }

    /** The row's key is the jti; neither it nor the row's column value is a token when presented as one. */
    @Test
    void theJtiOrTheRowsKeyPresentedAsAnOpaqueTokenIsNoToken() throws Exception {
        ClientAuthentication service = jwtService("read");
        String jti = SignedJWT.parse(ledger.accessToken(service, "read")).getJWTClaimsSet().getJWTID();

        assertThat(ledger.introspect(service, jti).isActive()).isFalse();
        assertThat(ledger.introspect(service, "jwt:" + jti).isActive()).isFalse();
        assertThat(ledger.raw(HttpRequest.newBuilder(ledger.uri("/admin/projections"))
                .header("Authorization", "Bearer jwt:" + jti).GET()).statusCode()).isEqualTo(401);
    }

    /** RFC 9068 §2.1's typ keeps an ID token, signed by the same key, from passing for an access token. */
    @Test
    void rfc9068_section4_anIdTokenIsNoAccessToken() {
        OIDCTokens tokens = jwtRelyingParty().signIn(USER, PASSWORD, "openid", new Nonce());

        assertThat(ledger.introspect(LedgerClient.basic(webApp), tokens.getIDTokenString()).isActive()).isFalse();
        assertThat(userInfo(tokens.getIDTokenString()).statusCode()).isEqualTo(401);
    }

    @Test
    void theCodeFlowIssuesJwtsForTheUserThatUserInfoAndRefreshTakeAndTheIdTokenHasNoAtHash() throws Exception {
        RelyingParty party = jwtRelyingParty();
        OIDCTokens tokens = party.signIn(USER, PASSWORD, "openid profile", new Nonce());
        JWTClaimsSet access = resourceServer().process(tokens.getAccessToken().getValue(), null);

        assertThat(access.getSubject()).isEqualTo(userId());
        assertThat(access.getStringClaim("scope")).isEqualTo("openid profile");
        assertThat(tokens.getIDToken().getJWTClaimsSet().getClaim("at_hash"))
                .as("at_hash binds a value the grant recorded before it existed; OIDC Core 3.1.3.6 makes it optional")
                .isNull();
        assertThat(userInfo(tokens.getAccessToken().getValue()).body()).contains(userId());
        OIDCTokens refreshed = RelyingParty.tokens(party.refresh(tokens.getRefreshToken(), null));
        JWTClaimsSet next = resourceServer().process(refreshed.getAccessToken().getValue(), null);
        assertThat(next.getJWTID()).isNotEqualTo(access.getJWTID());
        assertThat(next.getSubject()).isEqualTo(userId());
        assertThat(event("RefreshTokenRotated", next.getJWTID()).at("/token/keyId").asText())
                .isEqualTo(SignedJWT.parse(refreshed.getAccessToken().getValue()).getHeader().getKeyID());
    }

    @Test
    void anUnknownAccessTokenFormatIsRefusedAtRegistration() throws Exception {
        HttpResponse<String> refused = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read","access_token_format":"paseto"}""");
        HttpResponse<String> opaque = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read"}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).at("/error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(json.readTree(opaque.body()).at("/access_token_format").asText()).isEqualTo("opaque");
    }

    private ClientAuthentication jwtService(String scope) {
        return LedgerClient.basic(jwtServiceClient(scope));
    }

    private ClientInformation jwtServiceClient(String scope) {
        HttpResponse<String> registered = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"%s","access_token_format":"jwt"}""".formatted(scope));
        assertThat(registered.statusCode()).isEqualTo(201);
        return LedgerClient.clientInformation(registered);
    }

    private RelyingParty jwtRelyingParty() {
        HttpResponse<String> registered = ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code","refresh_token"],"redirect_uris":["%s"],"scope":"%s",
                 "first_party":true,"access_token_format":"jwt"}""".formatted(CodeFlowClient.REDIRECT_URI,
                clientScope()));
        ClientInformation client = LedgerClient.clientInformation(registered);
        return new RelyingParty(ledger, client, LedgerClient.basic(client));
    }

    /** A resource server that checks only what RFC 9068 §4 lets it check alone: typ, the signature, exp. */
    private DefaultJWTProcessor<SecurityContext> resourceServer() throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.load(URI.create(ledger.uri("/oauth2/jwks").toString()).toURL()))));
        return processor;
    }

    private HttpResponse<String> userInfo(String bearer) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                                     .header("Authorization", "Bearer " + bearer).GET());
    }

    private JsonNode event(String type, String tokenId) throws Exception {
        return json.readTree(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE payload_type LIKE '%.' || ? AND convert_from(payload, 'UTF8') LIKE '%' || ? || '%'""",
                String.class, type, tokenId));
    }
}
