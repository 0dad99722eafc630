package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.tokenledger.app.oauth2.AuthenticatedRequest;
import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.oauth2.DPoPProofs;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.web.ProtocolEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The token endpoint (RFC 6749 §3.2): one {@link GrantHandler} per grant type. */
@Component
public class TokenEndpoint implements ProtocolEndpoint {

    private final ClientAuthenticator authenticator;
    private final DPoPProofs proofs;
    private final Map<String, GrantHandler> handlers;

    public TokenEndpoint(ClientAuthenticator authenticator, DPoPProofs proofs, List<GrantHandler> handlers) {
        this.authenticator = authenticator;
        this.proofs = proofs;
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.grantType().getValue(), Function.identity()));
    }

    @Override
    public String path() {
        return "/oauth2/token";
    }

    @Override
    public ResponseEntity<String> handle(HttpServletRequest servletRequest) {
        AuthenticatedRequest<Void> authenticated = authenticator.authenticateForm(servletRequest);
        GrantHandler handler = handlerFor(servletRequest.getParameter("grant_type"));
        if (!authenticated.client().allowsGrant(handler.grantType().getValue())) {
            throw OAuth2Exception.unauthorizedClient(handler.grantType().getValue());
        }
        TokenRequest request = OAuth2Requests.parse(() -> TokenRequest.parse(authenticated.http()));
        String dpopJkt = proofs.tokenRequest(servletRequest, authenticated.client().clientId());
        if (dpopJkt == null && authenticated.client().dpopBoundAccessTokens()) {
            // RFC 9449 §5.2: such a client's tokens are never bearer tokens.
            throw new OAuth2Exception(new ErrorObject("invalid_dpop_proof",
                    "the client is registered with dpop_bound_access_tokens: send a DPoP proof", 400));
        }
        return proofs.withNonce(handler.handle(authenticated.client(), request, dpopJkt));
    }

    /** Checked before parsing, so a grant we do not offer is named as such rather than as a missing parameter. */
    private GrantHandler handlerFor(String grantType) {
        if (grantType == null || grantType.isBlank()) {
            throw OAuth2Exception.invalidRequest("missing grant_type");
        }
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw new OAuth2Exception(OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription("unsupported grant_type"));
        }
        return handler;
    }
}
