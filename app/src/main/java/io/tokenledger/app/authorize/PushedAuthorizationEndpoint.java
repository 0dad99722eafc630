package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import io.tokenledger.app.config.PushedRequestProperties;
import io.tokenledger.app.oauth2.AuthenticatedRequest;
import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.oauth2.DPoPProofs;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.oauth2.PublicClientLimit;
import io.tokenledger.app.oauth2.Responses;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.web.ProtocolEndpoint;
import io.tokenledger.events.Actor;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.events.par.PushAuthorizationRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pushed authorization request endpoint (RFC 9126 §2): an authenticated client sends its authorization request
 * here, where it is validated as the authorization endpoint would and recorded, and sends the browser to
 * {@code /oauth2/authorize} with only its {@code client_id} and the {@code request_uri} it gets back. Nothing of the
 * request then travels through the browser, where it could be read or changed.
 */
@Component
public class PushedAuthorizationEndpoint implements ProtocolEndpoint {

    private final ClientAuthenticator authenticator;
    private final DPoPProofs proofs;
    private final AuthorizationRequests requests;
    private final CommandGateway commands;
    private final PublicClientLimit limit;
    private final PushedRequestProperties settings;
    private final Clock clock;

    public PushedAuthorizationEndpoint(ClientAuthenticator authenticator, DPoPProofs proofs,
                                       AuthorizationRequests requests, CommandGateway commands,
                                       PublicClientLimit limit, PushedRequestProperties settings, Clock clock) {
        this.authenticator = authenticator;
        this.proofs = proofs;
        this.limit = limit;
        this.requests = requests;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/oauth2/par";
    }

    /** 201 with the {@code request_uri} and its lifetime; a request the authorization endpoint would refuse, 400. */
    @Override
    public ResponseEntity<String> handle(HttpServletRequest servletRequest) {
        AuthenticatedRequest<Void> authenticated = authenticator.authenticateForm(servletRequest);
        String clientId = authenticated.client().clientId();
        if (authenticated.client().publicClient()) {
            limit.charge("par", servletRequest.getRemoteAddr());
        }
        Map<String, List<String>> sent = new HashMap<>(OAuth2Requests.parse(
                authenticated.http()::getBodyAsFormParameters));
        // A client that authenticated with the Authorization header need not repeat its id (RFC 9126 §2.1).
        sent.putIfAbsent("client_id", List.of(clientId));
        bindToProof(sent, proofs.tokenRequest(servletRequest, clientId));
        Map<String, List<String>> parameters = new TreeMap<>(pushable(sent));
        // Who the client says is signing in is personal data: request context, encrypted under the day's key.
        List<String> loginHint = parameters.remove("login_hint");
        String requestUri = PushedRequests.PREFIX + Secrets.generate();
        Instant now = clock.instant();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PushAuthorizationRequest(
                        PushedRequests.requestId(requestUri), clientId, parameters, now,
                        now.plus(settings.pushedRequestTtl()), Actor.client(clientId)))
                .andMetaData(loginHint == null ? Map.of() : Map.of(RequestMetaData.LOGIN_HINT, loginHint.get(0))));
        return Responses.of(new PushedAuthorizationSuccessResponse(URI.create(requestUri),
                settings.pushedRequestTtl().toSeconds()).toHTTPResponse());
    }

    /**
     * RFC 9449 §10.1: a DPoP proof sent with the push binds the code to its key, as {@code dpop_jkt} would; the two
     * must then agree.
     */
    private static void bindToProof(Map<String, List<String>> sent, String proofJkt) {
        if (proofJkt == null) {
            return;
        }
        List<String> stated = sent.putIfAbsent("dpop_jkt", List.of(proofJkt));
        if (stated != null && !stated.equals(List.of(proofJkt))) {
            throw OAuth2Exception.invalidRequest("dpop_jkt is not the thumbprint of the DPoP proof's key");
        }
    }

    /** RFC 9126 §2.3: the authorization endpoint's errors, answered here as JSON with status 400. */
    private Map<String, List<String>> pushable(Map<String, List<String>> sent) {
        try {
            return requests.pushable(sent);
        } catch (AuthorizationError e) {
            throw new OAuth2Exception(new ErrorObject(e.error().getCode(), e.error().getDescription(), 400));
        }
    }
}
