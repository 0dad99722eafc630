package io.tokenledger.app.registration;



import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.registration.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.security.AdminActors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** Dynamic client registration (RFC 7591), for callers holding a {@code ledger:admin} token. */
@RestController
public class RegistrationEndpoint {

    private final OAuth2Requests requests;
    private final ClientRegistrar registrar;
    private final ClientInformationResponses responses;
    private final Clock clock;

    public RegistrationEndpoint(OAuth2Requests requests, ClientRegistrar registrar,
                                ClientInformationResponses responses, Clock clock) {
        this.requests = requests;
        this.registrar = registrar;
        this.responses = responses;
        this.clock = clock;
    }

    @PostMapping("/oauth2/register")
    public ResponseEntity<String> register(HttpServletRequest servletRequest, Authentication caller) {
        var http = requests.http(servletRequest);
        ClientMetadataPolicy.checkRedirectUriText(OAuth2Requests.parse(http::getBodyAsJSONObject));
        ClientMetadata requested = OAuth2Requests.parse(() -> ClientRegistrationRequest.parse(http)).getClientMetadata();
        String clientId = ClientRegistrar.newClientId();
        ValidMetadata valid = ClientMetadataPolicy.validate(requested, clientId);
        Instant now = clock.instant();
        ClientRegistrar.Credentials issued = registrar.register(clientId, valid, now, AdminActors.of(caller));
        return responses.of(clientId, now, valid, issued.secret(), issued.registrationToken(), true);
    }
}
