package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.registration.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.security.AdminActors;
import io.tokenledger.app.security.RegistrationAccess;
import io.tokenledger.events.Actor;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Read, update and delete of a registration (RFC 7592), for callers holding a {@code ledger:admin} token or the
 * client's own registration access token; secret rotation for administrators. A retired client is gone: every
 * operation answers 404.
 */
@RestController
public class ClientConfigurationEndpoint {

    private final OAuth2Requests requests;
    private final ClientLookup clients;
    private final ClientRegistrar registrar;
    private final ClientInformationResponses responses;
    private final Clock clock;

    public ClientConfigurationEndpoint(OAuth2Requests requests, ClientLookup clients, ClientRegistrar registrar,
                                       ClientInformationResponses responses, Clock clock) {
        this.requests = requests;
        this.clients = clients;
        this.registrar = registrar;
        this.responses = responses;
        this.clock = clock;
    }

    @GetMapping("/oauth2/register/{clientId}")
    public ResponseEntity<String> read(@PathVariable String clientId) {
        ClientRegistration client = active(clientId);
        return responses.of(clientId, client.createdAt(), ValidMetadata.of(client), null, null, false);
    }

    /**
     * RFC 7592 §2.2: the body replaces the metadata whole; omitted fields take their defaults. A client_secret in it
     * must be the current one (the client cannot choose its secret). The answer carries a new registration access
     * token, which replaces the old one.
     */
    @PutMapping("/oauth2/register/{clientId}")
    public ResponseEntity<String> update(@PathVariable String clientId, HttpServletRequest servletRequest,
                                         Authentication caller) {
        ClientRegistration client = active(clientId);
        var body = OAuth2Requests.parse(requests.http(servletRequest)::getBodyAsJSONObject);
        Object namedId = body.get("client_id");
        if (namedId != null && !clientId.equals(namedId)) {
            throw OAuth2Exception.invalidRequest("client_id in the body does not match the URL (RFC 7592 section 2.2)");
        }
        Object secret = body.get("client_secret");
        if (secret != null && !(secret instanceof String given && Secrets.matches(given, client.secretHash()))) {
            throw new OAuth2Exception(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    "client_secret is not the client's current secret (RFC 7592 section 2.2)"));
        }
        ClientMetadataPolicy.checkRedirectUriText(body);
        ClientMetadata requested = OAuth2Requests.parse(() -> ClientMetadata.parse(body));
        Actor actor = RegistrationAccess.actor(caller, clientId);
        ValidMetadata valid = asAllowed(ClientMetadataPolicy.validate(requested, clientId),
                ClientMetadataPolicy.firstParty(requested), client, actor);
        if (!valid.sameCredentialAs(client)) {
            throw new OAuth2Exception(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    "token_endpoint_auth_method cannot change between none, a secret and private_key_jwt; "
                    + "register a new client"));
        }
        String registrationToken = registrar.update(clientId, valid, clock.instant(), actor);
        return responses.of(clientId, client.createdAt(), valid, null, registrationToken, false);
    }

    /**
     * A client managing itself keeps what an administrator said of it (RFC 7592 §2.2 lets the server refuse values):
     * it may leave first_party out, or repeat it, but not change it, or any client could spare itself its users'
     * consent; and it may narrow its scopes, grant types and token exchange audiences, never widen them, or its
     * registration access token would be a way to {@code ledger:admin}.
     */
    private static ValidMetadata asAllowed(ValidMetadata valid, Boolean stated, ClientRegistration client,
                                           Actor actor) {
        if (!actor.equals(Actor.client(client.clientId()))) {
            return valid;
        }
        if (stated != null && stated != client.firstParty()) {
            throw new OAuth2Exception(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    ClientMetadataPolicy.FIRST_PARTY + " is set by an administrator"));
        }
        if (widens(valid, client)) {
            throw new OAuth2Exception(RegistrationError.INVALID_CLIENT_METADATA.setDescription(
                    "scope, grant_types and token exchange are set by an administrator: a client may narrow them, "
                    + "not widen them"));
        }
        return valid.withFirstParty(client.firstParty());
    }

    private static boolean widens(ValidMetadata valid, ClientRegistration client) {
        return !client.scopes().containsAll(valid.scopes())
               || !client.grantTypes().containsAll(valid.grantTypes())
               || !client.tokenExchange().audiences().containsAll(valid.tokenExchange().audiences())
               || client.tokenExchange().revokedWithSubject() && !valid.tokenExchange().revokedWithSubject()
                  && valid.grantTypes().contains(GrantType.TOKEN_EXCHANGE.getValue());
    }

    /** The new secret is in this answer only; the old one stops working at once. */
    @PostMapping("/oauth2/register/{clientId}/secret")
    public ResponseEntity<String> rotateSecret(@PathVariable String clientId, Authentication caller) {
        ClientRegistration client = active(clientId);
        if (!client.holdsSecret()) {
            throw new OAuth2Exception(RegistrationError.INVALID_CLIENT_METADATA
                    .setDescription("the client authenticates without a secret"));
        }
        String secret = registrar.rotateSecret(clientId, clock.instant(), AdminActors.of(caller));
        return responses.of(clientId, client.createdAt(), ValidMetadata.of(client), secret, null, false);
    }

    /** RFC 7592 §2.3: 204; the client can no longer authenticate and its tokens stop working. */
    @DeleteMapping("/oauth2/register/{clientId}")
    public ResponseEntity<Void> retire(@PathVariable String clientId, Authentication caller) {
        active(clientId);
        registrar.retire(clientId, clock.instant(), RegistrationAccess.actor(caller, clientId));
        return ResponseEntity.noContent().build();
    }

    /**
     * The same for an administrator naming the client by a parameter: the id of a client named by its metadata
     * document is a URL, whose slashes no path segment carries.
     */
    @DeleteMapping(value = "/oauth2/register", params = "client_id")
    public ResponseEntity<Void> retireNamed(@RequestParam("client_id") String clientId, Authentication caller) {
        return retire(clientId, caller);
    }

    private ClientRegistration active(String clientId) {
        return clients.find(clientId).filter(ClientRegistration::active)
                      .orElseThrow(() -> OAuth2Exception.notFound("no such client"));
    }
}
