package io.tokenledger.app.revocation;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.tokenledger.app.commanding.TokenRevoker;
import io.tokenledger.app.key.PresentedTokens;
import io.tokenledger.app.oauth2.AuthenticatedRequest;
import io.tokenledger.app.oauth2.CallerWithToken;
import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.web.ProtocolEndpoint;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Token revocation (RFC 7009). */
@Component
public class RevocationEndpoint implements ProtocolEndpoint {

    private final ClientAuthenticator authenticator;
    private final TokenLookup tokens;
    private final TokenRevoker revoker;
    private final PresentedTokens presented;

    public RevocationEndpoint(ClientAuthenticator authenticator, TokenLookup tokens, TokenRevoker revoker,
                              PresentedTokens presented) {
        this.authenticator = authenticator;
        this.presented = presented;
        this.tokens = tokens;
        this.revoker = revoker;
    }

    @Override
    public String path() {
        return "/oauth2/revoke";
    }

    /** An unknown or already revoked token is answered 200, as RFC 7009 §2.2 asks; nothing is recorded then. */
    @Override
    public ResponseEntity<Void> handle(HttpServletRequest servletRequest) {
        AuthenticatedRequest<Optional<CallerWithToken.Presented>> authenticated = authenticator.authenticateForm(
                servletRequest, CallerWithToken.reading(tokens::withCaller, presented::key, servletRequest));
        HTTPRequest http = authenticated.http();
        ClientRegistration client = authenticated.client();
        OAuth2Requests.parse(() -> TokenRevocationRequest.parse(http));
        Optional<TokenState> token = authenticated.found().map(CallerWithToken.Presented::state);
        if (token.isPresent()
            && revoker.revoke(token.get(), Actor.client(client.clientId())) == RevocationOutcome.NOT_THE_CLIENTS) {
            throw new OAuth2Exception(OAuth2Error.UNAUTHORIZED_CLIENT
                    .setDescription("the token was not issued to this client"));
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
