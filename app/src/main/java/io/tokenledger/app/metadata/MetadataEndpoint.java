package io.tokenledger.app.metadata;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.query.client.ClientLookup;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Authorization server metadata (RFC 8414): exactly the endpoints, grants and methods that work. */
@RestController
public class MetadataEndpoint {

    private static final List<ClientAuthenticationMethod> SECRET_METHODS =
            List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
    /** Public clients identify themselves at the token and revocation endpoints, not at introspection. */
    private static final List<ClientAuthenticationMethod> WITH_PUBLIC = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.NONE);

    private final IssuerResolver issuer;
    private final ClientLookup clients;

    public MetadataEndpoint(IssuerResolver issuer, ClientLookup clients) {
        this.issuer = issuer;
        this.clients = clients;
    }

    @GetMapping("/.well-known/oauth-authorization-server")
    public ResponseEntity<String> metadata() {
        String base = issuer.issuer();
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(new Issuer(base));
        metadata.setAuthorizationEndpointURI(URI.create(base + "/oauth2/authorize"));
        metadata.setTokenEndpointURI(URI.create(base + "/oauth2/token"));
        metadata.setRevocationEndpointURI(URI.create(base + "/oauth2/revoke"));
        metadata.setIntrospectionEndpointURI(URI.create(base + "/oauth2/introspect"));
        metadata.setRegistrationEndpointURI(URI.create(base + "/oauth2/register"));
        metadata.setJWKSetURI(URI.create(base + "/oauth2/jwks"));
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.CLIENT_CREDENTIALS));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setResponseModes(List.of(ResponseMode.QUERY));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        metadata.setTokenEndpointAuthMethods(WITH_PUBLIC);
        metadata.setRevocationEndpointAuthMethods(WITH_PUBLIC);
        metadata.setIntrospectionEndpointAuthMethods(SECRET_METHODS);
        metadata.setSupportsAuthorizationResponseIssuerParam(true);
        // The scopes registered clients hold, as a realm's: what a client can be granted here.
        metadata.setScopes(Scope.parse(clients.scopesInUse()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                             .body(metadata.toJSONObject().toJSONString());
    }
}
