package io.tokenledger.app.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.OpenIdTestBase;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ID tokens in the code flow, checked by Nimbus's OpenID Connect relying party. Test names that start with
 * {@code oidcc_} are the OpenID Foundation's basic OP test plan module of that name, as it applies here.
 */
class IdTokenTest extends OpenIdTestBase {

    private static final String SCOPE = "openid read";

    @Override
    protected String clientScope() {
        return SCOPE;
    }

    /** Discovery 1.0 §3 and §4.3: the document parses, names this issuer, and is the RFC 8414 one, byte for byte. */
    @Test
    void oidcc_discovery_endpoint_verification() {
        OIDCProviderMetadata provider = relyingParty.discover();

        assertThat(provider.getIssuer().getValue()).isEqualTo(ledger.uri("").toString());
        assertThat(provider.getJWKSetURI()).isEqualTo(ledger.uri("/oauth2/jwks"));
        assertThat(provider.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(provider.getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256);
        assertThat(provider.getScopes().toStringList()).contains("openid");
        assertThat(provider.getClaims()).contains("sub", "auth_time", "nonce", "at_hash", "amr");
        assertThat(get("/.well-known/openid-configuration")).isEqualTo(get("/.well-known/oauth-authorization-server"));
    }

    @Test
    void oidcc_server_idTokenValidatesAgainstTheJwksWithTheNonceSent_OIDCCore3_1_3_7() throws Exception {
        Nonce nonce = new Nonce();
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, SCOPE, nonce);

        IDTokenClaimsSet claims = relyingParty.validate(tokens.getIDToken(), nonce);

        assertThat(claims.getSubject().getValue()).isEqualTo(userId());
        assertThat(claims.getAuthenticationTime()).isNotNull();
        assertThat(claims.getAuthenticationTime()).isBeforeOrEqualTo(claims.getIssueTime());
        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("pwd");
        assertThat(claims.getStringClaim("jti")).isNotBlank();
    }

    /** §3.1.3.8: at_hash binds the ID token to the access token that came with it; Nimbus checks it. */
    @Test
    void oidcc_idtoken_at_hash_matchesTheAccessToken_OIDCCore3_1_3_8() throws Exception {
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, SCOPE, new Nonce());
        IDTokenClaimsSet claims = relyingParty.validate(tokens.getIDToken(), null);

        AccessTokenValidator.validate(tokens.getAccessToken(), algorithm(tokens.getIDToken()),
                claims.getAccessTokenHash());
        assertThat(claims.getAccessTokenHash()).isEqualTo(AccessTokenHash.compute(tokens.getAccessToken(),
                algorithm(tokens.getIDToken()), null));
    }

    @Test
    void oidcc_ensure_request_without_nonce_succeeds_for_code_flow() throws Exception {
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, SCOPE, null);

        assertThat(relyingParty.validate(tokens.getIDToken(), null).getNonce()).isNull();
    }

    /** The ledger holds every claim the ID token carries, and which key signed it, under the token's jti. */
    @Test
    void theLedgerRecordsWhichKeySignedEachIdTokenAndWhatItSaid() throws Exception {
        Nonce nonce = new Nonce();
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, SCOPE, nonce);
        SignedJWT idToken = (SignedJWT) tokens.getIDToken();

        JsonNode recorded = idTokenIssued(idToken.getJWTClaimsSet().getJWTID());

        assertThat(recorded.get("keyId").asText()).isEqualTo(idToken.getHeader().getKeyID());
        assertThat(recorded.get("nonce").asText()).isEqualTo(nonce.getValue());
        assertThat(recorded.get("atHash").asText()).isEqualTo(idToken.getJWTClaimsSet().getStringClaim("at_hash"));
        assertThat(recorded.get("userId").asText()).isEqualTo(idToken.getJWTClaimsSet().getSubject());
        assertThat(recorded.get("issuedAt").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%" + idToken.getSignature() + "%")).isZero();
    }

    /** §12.2: a new ID token for the same sign-in: same sub, aud and auth_time, issued anew, without the nonce. */
    @Test
    void oidcc_refresh_token_returnsANewIdTokenForTheSameSignInWithoutTheNonce_OIDCCore12_2() throws Exception {
        OIDCTokens first = relyingParty.signIn(USER, PASSWORD, SCOPE, new Nonce());
        IDTokenClaimsSet before = relyingParty.validate(first.getIDToken(), null);

        OIDCTokens refreshed = RelyingParty.tokens(relyingParty.refresh(first.getRefreshToken(), null));
        IDTokenClaimsSet after = relyingParty.validate(refreshed.getIDToken(), null);

        assertThat(after.getSubject()).isEqualTo(before.getSubject());
        assertThat(after.getAudience()).isEqualTo(before.getAudience());
        assertThat(after.getAuthenticationTime()).isEqualTo(before.getAuthenticationTime());
        assertThat(after.getNonce()).isNull();
        assertThat(after.getStringClaim("jti")).isNotEqualTo(before.getStringClaim("jti"));
    }

    /** §3.1.2.1: without openid the request is plain OAuth 2.0, and the response carries no ID token. */
    @Test
    void withoutTheOpenidScopeThereIsNoIdToken_OIDCCore3_1_2_1() {
        CodeVerifier verifier = new CodeVerifier();
        CodeFlowClient plain = new CodeFlowClient(ledger, webApp, LedgerClient.basic(webApp));
        var response = plain.exchange(plain.signIn(new Browser(), USER, PASSWORD, "read", verifier), verifier);

        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response).isNotInstanceOf(OIDCTokenResponse.class);
        assertThat(((AccessTokenResponse) response).getCustomParameters()).doesNotContainKey("id_token");
    }

    /** OpenID Connect Core §3.1.2.6: a request without response_type goes back to the client as invalid_request. */
    @Test
    void oidcc_response_type_missing() {
        URI request = relyingParty.authenticationRequest(SCOPE, new CodeVerifier(), new State(), new Nonce());
        URI withoutResponseType = URI.create(request.toString().replaceAll("response_type=code&?", ""));

        var redirect = new Browser().get(withoutResponseType);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(CodeFlowClient.parse(redirect).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    /** A nonce is a random value or a hash of one (§15.5.2); a huge one is refused before it reaches the ledger. */
    @Test
    void anOversizedNonceIsRefusedByRedirect() {
        State state = new State();
        var redirect = new Browser().get(relyingParty.authenticationRequest(SCOPE, new CodeVerifier(), state,
                new Nonce("n".repeat(513))));

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(CodeFlowClient.parse(redirect).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    private JsonNode idTokenIssued(String jti) throws Exception {
        byte[] payload = jdbc.queryForObject("""
                SELECT payload FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.grant.IdTokenIssued' AND convert_from(payload, 'UTF8') LIKE ?""",
                byte[].class, "%" + jti + "%");
        return new ObjectMapper().readTree(new String(payload, StandardCharsets.UTF_8));
    }

    private static JWSAlgorithm algorithm(JWT idToken) {
        return JWSAlgorithm.parse(idToken.getHeader().getAlgorithm().getName());
    }

    private String get(String path) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path)).GET()).body();
    }
}
