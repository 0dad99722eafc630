package io.tokenledger.app.introspection;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import io.tokenledger.app.key.PresentedTokens;
import io.tokenledger.app.oauth2.AuthenticatedRequest;
import io.tokenledger.app.oauth2.CallerWithToken;
import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.oauth2.Responses;
import io.tokenledger.app.security.LedgerScopes;
import io.tokenledger.app.web.ProtocolEndpoint;
import io.tokenledger.query.cache.IntrospectionCache;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenState;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * Token introspection (RFC 7662) for authenticated clients. It reads {@code tokens}, which commits with
 * the token's events, through {@link IntrospectionCache}, which this node empties of a change before acknowledging
 * it, and of another node's change as soon as it hears of it.
 */
@Component
public class IntrospectionEndpoint implements ProtocolEndpoint {

    private static final TokenIntrospectionSuccessResponse INACTIVE =
            new TokenIntrospectionSuccessResponse.Builder(false).build();

    private final ClientAuthenticator authenticator;
    private final IntrospectionCache cache;
    private final IssuerResolver issuer;
    private final Clock clock;
    private final PresentedTokens presented;

    public IntrospectionEndpoint(ClientAuthenticator authenticator, IntrospectionCache cache,
                                 IssuerResolver issuer, Clock clock, PresentedTokens presented) {
        this.authenticator = authenticator;
        this.presented = presented;
        this.cache = cache;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/oauth2/introspect";
    }

    @Override
    public ResponseEntity<String> handle(HttpServletRequest servletRequest) {
        AuthenticatedRequest<Optional<CallerWithToken.Presented>> authenticated = authenticator.authenticateForm(
                servletRequest, CallerWithToken.reading(cache::read, presented::key, servletRequest));
        if (authenticated.client().publicClient()) {
            // RFC 7662 §4: only clients that can keep a secret may ask which tokens are live.
            throw OAuth2Exception.invalidClient("public clients may not introspect tokens", false);
        }
        HTTPRequest http = authenticated.http();
        OAuth2Requests.parse(() -> TokenIntrospectionRequest.parse(http));
        TokenIntrospectionSuccessResponse response = authenticated.found()
                .filter(found -> found.activeAt(clock.instant()))
                .filter(found -> mayIntrospect(authenticated.client(), found.state()))
                .map(found -> active(found.state(), found.refresh()))
                .orElse(INACTIVE);
        return Responses.of(response.toHTTPResponse());
    }

    /**
     * RFC 7662 §4: the server should know the caller may learn about the token. Its own client may; another only
     * with the permission. To anyone else the token is inactive, so the answer does not even say it exists.
     */
    private static boolean mayIntrospect(ClientRegistration caller, TokenState token) {
        return caller.clientId().equals(token.clientId()) || caller.scopes().contains(LedgerScopes.INTROSPECT);
    }

    /**
     * A refresh token answers with its own expiry and no token_type, which names access token types only. A DPoP-bound
     * access token answers {@code token_type} DPoP and the key's thumbprint as {@code cnf.jkt} (RFC 9449 §6.2), for
     * the resource server to check the proof against.
     */
    private TokenIntrospectionSuccessResponse active(TokenState token, boolean refresh) {
        boolean bound = !refresh && token.dpopJkt() != null;
        return new TokenIntrospectionSuccessResponse.Builder(true)
                .scope(Scope.parse(token.scopes()))
                .clientID(new ClientID(token.clientId()))
                .tokenType(refresh ? null : bound ? AccessTokenType.DPOP : AccessTokenType.BEARER)
                .jwkThumbprintConfirmation(bound ? new JWKThumbprintConfirmation(new Base64URL(token.dpopJkt())) : null)
                .expirationTime(Date.from(refresh ? token.refreshExpiresAt() : token.expiresAt()))
                .issueTime(Date.from(token.issuedAt()))
                .subject(new Subject(token.userId() != null ? token.userId() : token.clientId()))
                .issuer(new Issuer(issuer.issuer()))
                .jwtID(new JWTID(token.tokenId()))
                .audience(token.audience().isEmpty() ? null : Audience.create(token.audience()))
                .build();
    }
}
