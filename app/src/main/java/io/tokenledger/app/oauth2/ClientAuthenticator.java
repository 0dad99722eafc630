package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.commanding.SecurityEvents;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.throttle.FailureThrottle;
import io.tokenledger.query.cache.IntrospectionCache;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Authenticates the calling client with {@code client_secret_basic} or {@code client_secret_post}
 * (RFC 6749 §2.3.1), or {@code private_key_jwt} (RFC 7523 §2.2), whichever it registered. Every failure reads the same, so callers cannot probe which
 * client ids exist; the ledger records which it was. An address that keeps failing is refused for a while before
 * any secret is compared: guessing a 256-bit secret is hopeless anyway, and this keeps guessing cheap for us.
 * <p>
 * A node that runs the introspection cache (opt-in) takes the registration from it when it can, with the window that
 * cache has on other nodes after a secret's rotation or a client's retirement (docs/architecture.md).
 */
@Component
public class ClientAuthenticator {

    /** The request attribute that names the client a request authenticated, for the access log. */
    public static final String CLIENT_ID_ATTRIBUTE = ClientAuthenticator.class.getName() + ".clientId";
    private static final String FAILED = "client authentication failed";
    /**
     * A bcrypt hash no secret matches, compared for an unknown or retired client: refusing an id that does not exist
     * then costs what refusing the operator-chosen (bcrypt) admin secret costs, so timing does not reveal the admin's
     * id (OWASP ASVS V2.2.1's advice against enumeration; Spring Security's user-not-found password does the same).
     */
    private static final String DECOY = Secrets.bcrypt(Secrets.generate());
    private final ClientLookup clients;
    private final IntrospectionCache cache;
    private final ClientAssertions assertions;
    private final OAuth2Requests requests;
    private final SecurityEvents security;
    private final FailureThrottle throttle;
    private final Counter throttled;
    private final int failuresPerAddress;

    public ClientAuthenticator(ClientLookup clients, IntrospectionCache cache, ClientAssertions assertions, OAuth2Requests requests, SecurityEvents security,
                               FailureThrottle throttle, MeterRegistry registry,
                               @Value("${ledger.client-auth-failures-per-address:20}") int failuresPerAddress) {
        this.clients = clients;
        this.cache = cache;
        this.assertions = assertions;
        this.requests = requests;
        this.security = security;
        this.throttle = throttle;
        this.throttled = Counter.builder("ledger.client.authentication.throttled")
                                .description("client authentications refused unchecked while their address is slowed "
                                             + "down; not recorded in the ledger")
                                .register(registry);
        this.failuresPerAddress = failuresPerAddress;
    }

    /** Checks a form request as every client-authenticated endpoint must, then authenticates its client. */
    public AuthenticatedRequest<Void> authenticateForm(HttpServletRequest servletRequest) {
        return authenticateForm(servletRequest, clientId -> new Found<>(cache.client(clientId, clients::find), null));
    }

    /**
     * The same, with the claimed client's registration read by {@code registrations}: an endpoint that needs more from
     * the database reads it in the same round trip.
     */
    public <T> AuthenticatedRequest<T> authenticateForm(HttpServletRequest servletRequest,
                                                        Registrations<T> registrations) {
        HTTPRequest http = requests.form(servletRequest);
        Found<T> found = authenticate(http, registrations);
        ClientRegistration client = found.client().orElseThrow();
        servletRequest.setAttribute(CLIENT_ID_ATTRIBUTE, client.clientId());
        return new AuthenticatedRequest<>(http, client, found.with());
    }

    /** Reads a client's registration by its id, and what else the endpoint needs in the same query. */
    @FunctionalInterface
    public interface Registrations<T> {
        Found<T> find(String clientId);
    }

    /** A client's registration if there is one, and what was read with it. */
    public record Found<T>(Optional<ClientRegistration> client, T with) {
    }

    /** The registration read, its client authenticated: refusals are thrown. */
    private <T> Found<T> authenticate(HTTPRequest request, Registrations<T> registrations) {
        boolean header = request.getAuthorization() != null;
        Map<String, List<String>> form = OAuth2Requests.parse(request::getBodyAsFormParameters);
        if (header && (form.containsKey("client_secret") || form.containsKey("client_assertion"))) {
            // RFC 6749 §5.2 names this invalid_request: more than one mechanism for authenticating the client.
            throw OAuth2Exception.invalidRequest("more than one client authentication method used");
        }
        // Every path that can record a failure passes the throttle first: a refused address writes nothing.
        FailureThrottle.Key address = FailureThrottle.Key.perAddress("client-address",
                String.valueOf(request.getClientIPAddress()), failuresPerAddress);
        Optional<Duration> wait = throttle.waitFor(address);
        if (wait.isPresent()) {
            // Counted, not recorded: a flood of refused guesses must not become a flood of ledger writes.
            throttled.increment();
            throw OAuth2Exception.throttled(wait.get());
        }
        ClientAuthentication authentication = parse(request, header);
        String bodyClientId = first(form, "client_id");
        if (authentication == null) {
            return publicClient(request, bodyClientId, header, registrations, address);
        }
        String claimed = authentication.getClientID().getValue();
        if (bodyClientId != null && !bodyClientId.equals(claimed)) {
            throw OAuth2Exception.invalidRequest("client_id names another client than the one authenticating");
        }
        if (authentication instanceof PrivateKeyJWT assertion) {
            return signedAssertion(request, assertion, registrations, address);
        }
        if (!(authentication instanceof PlainClientSecret secret)) {
            throw OAuth2Exception.invalidClient("unsupported client authentication method", header);
        }
        Found<T> found = registrations.find(claimed);
        Optional<ClientRegistration> client = found.client();
        boolean matches = Secrets.matches(secret.getClientSecret().getValue(),
                client.filter(ClientRegistration::active).map(ClientRegistration::secretHash).orElse(DECOY));
        String refusal = refusal(client, registered -> !matches ? "wrong_secret"
                : !registered.tokenEndpointAuthMethod().equals(secret.getMethod().getValue()) ? "wrong_method" : null);
        if (refusal != null) {
            refuse(request, claimed, refusal, header, address);
        }
        return found;
    }

    /** {@code private_key_jwt} (RFC 7523 §2.2): the assertion is the credential, so it is never in a header. */
    private <T> Found<T> signedAssertion(HTTPRequest request, PrivateKeyJWT assertion, Registrations<T> registrations,
                                         FailureThrottle.Key address) {
        String claimed = assertion.getClientID().getValue();
        Found<T> found = registrations.find(claimed);
        Optional<ClientRegistration> client = found.client();
        String refusal = refusal(client, registered -> !registered.signsAssertions() ? "wrong_method"
                : assertions.refusal(assertion, registered));
        if (refusal != null) {
            refuse(request, claimed, refusal, false, address);
        }
        return found;
    }

    /**
     * Why a claimed client is refused, for the ledger's record: it is unknown, retired, or its credential does not hold
     * ({@code credential} says why, null when it does); null when it authenticated.
     */
    private static String refusal(Optional<ClientRegistration> client,
                                  Function<ClientRegistration, String> credential) {
        return client.isEmpty() ? "unknown_client"
                : !client.get().active() ? "retired_client"
                : credential.apply(client.get());
    }

    /**
     * A public client (RFC 6749 §2.1) only identifies itself; it proves nothing, so it gets only what PKCE guards.
     * An Authorization header of a scheme other than Basic lands here too, and is answered with a Basic challenge.
     */
    private <T> Found<T> publicClient(HTTPRequest request, String clientId, boolean header,
                                      Registrations<T> registrations, FailureThrottle.Key address) {
        if (clientId == null) {
            throw OAuth2Exception.invalidClient("client authentication required", header);
        }
        Found<T> found = registrations.find(clientId);
        if (found.client().filter(ClientRegistration::active).filter(ClientRegistration::publicClient).isEmpty()) {
            refuse(request, clientId, "not_a_public_client", header, address);
        }
        return found;
    }

    /** Counts the failure against the address, records it for auditors, and answers as every failure does. */
    private void refuse(HTTPRequest request, String claimed, String reason, boolean header,
                        FailureThrottle.Key address) {
        Optional<Duration> slowedDown = throttle.failed(address);
        if (slowedDown.isPresent()) {
            throttled.increment();
            throw OAuth2Exception.throttled(slowedDown.get());
        }
        security.clientAuthenticationFailed(claimed, reason, request.getURL().getPath());
        throw OAuth2Exception.invalidClient(FAILED, header);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ClientAuthentication parse(HTTPRequest request, boolean header) {
        try {
            return ClientAuthentication.parse(request);
        } catch (ParseException e) {
            throw OAuth2Exception.invalidClient("malformed client authentication", header);
        }
    }
}
