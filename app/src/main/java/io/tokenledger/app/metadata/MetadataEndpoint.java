package io.tokenledger.app.metadata;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.tokenledger.app.config.ClientIdMetadataDocumentProperties;
import io.tokenledger.app.config.PushedRequestProperties;
import io.tokenledger.app.key.SigningKeyProperties;
import io.tokenledger.app.oauth2.DPoPProofs;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.oidc.IdTokens;
import io.tokenledger.query.cache.MetadataLookups;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.TreeSet;

/**
 * The server's metadata: exactly the endpoints, grants, methods and claims that work. One document answers at RFC
 * 8414's path and at OpenID Connect Discovery 1.0's, as Keycloak's does, so the two can never disagree.
 */
@RestController
public class MetadataEndpoint {

    private static final List<ClientAuthenticationMethod> CONFIDENTIAL_METHODS =
            List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                    ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    /** Public clients identify themselves at the token and revocation endpoints, not at introspection. */
    private static final List<ClientAuthenticationMethod> WITH_PUBLIC = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.PRIVATE_KEY_JWT,
            ClientAuthenticationMethod.NONE);
    /** What a private_key_jwt assertion may be signed with: the RSA and NIST-curve EC keys a client may register. */
    private static final List<JWSAlgorithm> ASSERTION_ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** The claims {@code IdTokens} puts in an ID token, and those UserInfo states for profile and email. */
    private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "jti", "auth_time", "nonce",
            "at_hash", "amr", "sid", "name", "preferred_username", "updated_at", "email", "email_verified");

    private final IssuerResolver issuer;
    private final MetadataLookups lookups;
    private final SigningKeyProperties signing;
    private final PushedRequestProperties pushedRequests;
    private final ClientIdMetadataDocumentProperties documents;

    public MetadataEndpoint(IssuerResolver issuer, MetadataLookups lookups, SigningKeyProperties signing,
                            PushedRequestProperties pushedRequests, ClientIdMetadataDocumentProperties documents) {
        this.pushedRequests = pushedRequests;
        this.documents = documents;
        this.issuer = issuer;
        this.lookups = lookups;
        this.signing = signing;
    }

    @GetMapping({"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"})
    public ResponseEntity<String> metadata() {
        String base = issuer.issuer();
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(new Issuer(base), List.of(SubjectType.PUBLIC),
                URI.create(base + "/oauth2/jwks"));
        metadata.setAuthorizationEndpointURI(URI.create(base + "/oauth2/authorize"));
        metadata.setTokenEndpointURI(URI.create(base + "/oauth2/token"));
        metadata.setRevocationEndpointURI(URI.create(base + "/oauth2/revoke"));
        metadata.setIntrospectionEndpointURI(URI.create(base + "/oauth2/introspect"));
        metadata.setRegistrationEndpointURI(URI.create(base + "/oauth2/register"));
        metadata.setUserInfoEndpointURI(URI.create(base + "/oauth2/userinfo"));
        metadata.setEndSessionEndpointURI(URI.create(base + "/oauth2/logout"));
        metadata.setPushedAuthorizationRequestEndpointURI(URI.create(base + "/oauth2/par"));
        metadata.setDeviceAuthorizationEndpointURI(URI.create(base + "/oauth2/device_authorization"));
        metadata.requiresPushedAuthorizationRequests(pushedRequests.requirePushedAuthorizationRequests());
        // Back-Channel Logout 1.0 §2.1: logout tokens are sent, and always carry the session's sid.
        metadata.setSupportsBackChannelLogout(true);
        metadata.setSupportsBackChannelLogoutSession(true);
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.CLIENT_CREDENTIALS, GrantType.TOKEN_EXCHANGE, GrantType.DEVICE_CODE));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setResponseModes(List.of(ResponseMode.QUERY));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setTokenEndpointAuthMethods(WITH_PUBLIC);
        metadata.setRevocationEndpointAuthMethods(WITH_PUBLIC);
        metadata.setIntrospectionEndpointAuthMethods(CONFIDENTIAL_METHODS);
        metadata.setTokenEndpointJWSAlgs(ASSERTION_ALGORITHMS);
        metadata.setRevocationEndpointJWSAlgs(ASSERTION_ALGORITHMS);
        metadata.setIntrospectionEndpointJWSAlgs(ASSERTION_ALGORITHMS);
        metadata.setDPoPJWSAlgs(DPoPProofs.ALGORITHMS);
        if (documents.clientIdMetadataDocuments()) {
            metadata.setCustomParameter("client_id_metadata_document_supported", true);
        }
        metadata.setSupportsAuthorizationResponseIssuerParam(true);
        metadata.setIDTokenJWSAlgs(idTokenAlgorithms());
        metadata.setClaims(CLAIMS);
        metadata.setScopes(scopes());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                             .body(metadata.toJSONObject().toJSONString());
    }

    /** Those of the keys in {@code /oauth2/jwks}, and the one new keys are made with. */
    private List<JWSAlgorithm> idTokenAlgorithms() {
        TreeSet<String> algorithms = new TreeSet<>(lookups.publishedAlgorithms(
                signing.signingKeysPublishedAfterRetirement()));
        algorithms.add(signing.signingKeyAlgorithm());
        return algorithms.stream().map(JWSAlgorithm::parse).toList();
    }

    /** The scopes registered clients hold, as a realm's, and OpenID Connect's, for which any client may register. */
    private Scope scopes() {
        Scope scopes = new Scope(IdTokens.OPENID, "profile", "email");
        lookups.scopesInUse().forEach(scopes::add);
        return scopes;
    }
}
