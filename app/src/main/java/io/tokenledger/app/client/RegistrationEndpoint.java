package io.tokenledger.app.client;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.tokenledger.app.client.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.oauth2.Responses;
import io.tokenledger.events.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

/** Dynamic client registration (RFC 7591), for callers holding a {@code ledger:admin} token. */
@RestController
public class RegistrationEndpoint {

    private final OAuth2Requests requests;
    private final ClientRegistrar registrar;
    private final Clock clock;

    public RegistrationEndpoint(OAuth2Requests requests, ClientRegistrar registrar, Clock clock) {
        this.requests = requests;
        this.registrar = registrar;
        this.clock = clock;
    }

    @PostMapping("/oauth2/register")
    public ResponseEntity<String> register(HttpServletRequest servletRequest, Authentication caller) {
        var http = requests.http(servletRequest);
        ClientMetadata requested = OAuth2Requests.parse(() -> ClientRegistrationRequest.parse(http)).getClientMetadata();
        String clientId = ClientRegistrar.newClientId();
        ValidMetadata valid = ClientMetadataPolicy.validate(requested, clientId);
        Instant now = clock.instant();
        String secret = registrar.register(clientId, valid, now, Actor.admin(caller.getName()));
        ClientInformation information = new ClientInformation(new ClientID(clientId), Date.from(now),
                metadata(valid), secret == null ? null : new Secret(secret));
        return Responses.of(new ClientInformationResponse(information, true).toHTTPResponse());
    }

    private static ClientMetadata metadata(ValidMetadata valid) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(valid.name());
        metadata.setRedirectionURIs(valid.redirectUris().stream().map(URI::create).collect(Collectors.toSet()));
        metadata.setGrantTypes(valid.grantTypes().stream().map(GrantType::new).collect(Collectors.toSet()));
        metadata.setScope(Scope.parse(valid.scopes()));
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.parse(valid.tokenEndpointAuthMethod()));
        if (valid.grantTypes().contains(GrantType.AUTHORIZATION_CODE.getValue())) {
            metadata.setResponseTypes(Set.of(ResponseType.CODE));
        }
        return metadata;
    }
}
