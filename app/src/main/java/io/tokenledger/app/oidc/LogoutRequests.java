package io.tokenledger.app.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * Validates RP-Initiated Logout requests (OpenID Connect RP-Initiated Logout 1.0 §2, §3): an {@code id_token_hint}
 * must be an ID token this server signed (its keys in {@code /oauth2/jwks}; expired is fine, as §4 allows), and a
 * {@code post_logout_redirect_uri} one the client registered, exactly.
 */
@Component
class LogoutRequests {

    private static final List<String> PARAMETERS = List.of("id_token_hint", "client_id", "post_logout_redirect_uri",
            "state", "logout_hint", "ui_locales");

    private final IdTokenHints hints;
    private final ClientLookup clients;

    LogoutRequests(IdTokenHints hints, ClientLookup clients) {
        this.hints = hints;
        this.clients = clients;
    }

    ValidLogout validate(HttpServletRequest request) {
        for (String name : PARAMETERS) {
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                throw new LogoutError(name + " was included more than once");
            }
        }
        Optional<JWTClaimsSet> hint = Optional.ofNullable(emptyAsNull(request.getParameter("id_token_hint")))
                                              .map(this::verified);
        String clientId = emptyAsNull(request.getParameter("client_id"));
        if (hint.isPresent() && clientId != null && !hint.get().getAudience().contains(clientId)) {
            throw new LogoutError("client_id is not the audience of id_token_hint");
        }
        Optional<ClientRegistration> client = Optional.ofNullable(clientId)
                .or(() -> hint.map(claims -> claims.getAudience().get(0))).flatMap(clients::find);
        return new ValidLogout(hint.map(this::sessionId), hint.map(JWTClaimsSet::getSubject),
                redirect(request.getParameter("post_logout_redirect_uri"), client),
                client.map(ClientRegistration::clientId), emptyAsNull(request.getParameter("state")));
    }

    /** §3: only with a client known, and only to a URI it registered, compared as strings. */
    private static Optional<URI> redirect(String uri, Optional<ClientRegistration> client) {
        if (uri == null || uri.isEmpty()) {
            return Optional.empty();
        }
        if (client.isEmpty() || !client.get().postLogoutRedirectUris().contains(uri)) {
            throw new LogoutError("post_logout_redirect_uri is not one the client registered");
        }
        return Optional.of(URI.create(uri));
    }

    private JWTClaimsSet verified(String idToken) {
        return hints.verify(idToken)
                    .orElseThrow(() -> new LogoutError("id_token_hint is not an ID token this server issued"));
    }

    private String sessionId(JWTClaimsSet claims) {
        try {
            return claims.getStringClaim("sid");
        } catch (ParseException e) {
            throw new LogoutError("id_token_hint has a sid that is no string");
        }
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * @param sessionId the session the hint named; empty without a hint (or a hint without {@code sid})
     * @param subject   the user the hint named
     */
    record ValidLogout(Optional<String> sessionId, Optional<String> subject, Optional<URI> redirectUri,
                       Optional<String> clientId, String state) {

        boolean hinted() {
            return subject.isPresent();
        }
    }
}
