package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.oauth2.AuthenticatedRequest;
import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.oauth2.Responses;
import io.tokenledger.events.Actor;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The token endpoint (RFC 6749 §3.2): {@code client_credentials} (§4.4). */
@RestController
public class TokenEndpoint {

    private final ClientAuthenticator authenticator;
    private final TokenIssuer issuer;

    public TokenEndpoint(ClientAuthenticator authenticator, TokenIssuer issuer) {
        this.authenticator = authenticator;
        this.issuer = issuer;
    }

    @PostMapping("/oauth2/token")
    public ResponseEntity<String> token(HttpServletRequest servletRequest) {
        AuthenticatedRequest authenticated = authenticator.authenticateForm(servletRequest);
        HTTPRequest http = authenticated.http();
        ClientRegistration client = authenticated.client();
        requireSupportedGrant(servletRequest.getParameter("grant_type"));
        TokenRequest request = OAuth2Requests.parse(() -> TokenRequest.parse(http));
        return clientCredentials(client, request.getScope());
    }

    /** Checked before parsing, so a grant we do not offer is named as such rather than as a missing parameter. */
    private static void requireSupportedGrant(String grantType) {
        if (grantType == null || grantType.isBlank()) {
            throw OAuth2Exception.invalidRequest("missing grant_type");
        }
        if (!GrantType.CLIENT_CREDENTIALS.getValue().equals(grantType)) {
            throw new OAuth2Exception(OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription("unsupported grant_type"));
        }
    }

    private ResponseEntity<String> clientCredentials(ClientRegistration client, Scope requested) {
        if (!client.allowsGrant(GrantType.CLIENT_CREDENTIALS.getValue())) {
            throw new OAuth2Exception(OAuth2Error.UNAUTHORIZED_CLIENT
                    .setDescription("client is not registered for client_credentials"));
        }
        List<String> scopes = ScopePolicy.grant(requested, client.scopes());
        IssuedToken token = issuer.issue(client.clientId(), null, GrantType.CLIENT_CREDENTIALS.getValue(), scopes,
                Actor.client(client.clientId()));
        BearerAccessToken access = new BearerAccessToken(token.accessToken(), token.lifetime().toSeconds(),
                Scope.parse(scopes));
        return Responses.of(new AccessTokenResponse(new Tokens(access, null)).toHTTPResponse());
    }
}
