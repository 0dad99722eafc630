package io.tokenledger.app.security;

import io.tokenledger.events.Actor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may manage a registration (RFC 7592 §2): an administrator ({@code ledger:admin}), or the client itself with
 * its registration access token, which the ledger's bearer authentication turns into this authority.
 */
public final class RegistrationAccess {

    private static final String ADMIN = LedgerScopes.authority(LedgerScopes.ADMIN);
    private static final String OWN_REGISTRATION = "REGISTRATION_";

    private RegistrationAccess() {
    }

    /** The authority a registration access token grants: over its own client's registration, and nothing else. */
    public static String authorityFor(String clientId) {
        return OWN_REGISTRATION + clientId;
    }

    /** For paths with a {@code {clientId}} variable. */
    public static AuthorizationManager<RequestAuthorizationContext> adminOrTheClientItself() {
        return (authentication, context) -> {
            String own = authorityFor(context.getVariables().get("clientId"));
            return new AuthorizationDecision(authentication.get().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .anyMatch(authority -> authority.equals(ADMIN) || authority.equals(own)));
        };
    }

    /** The client, when it manages itself with its token; otherwise the administrator. */
    public static Actor actor(Authentication caller, String clientId) {
        boolean self = caller.getAuthorities().stream()
                             .anyMatch(authority -> authority.getAuthority().equals(authorityFor(clientId)));
        return self ? Actor.client(clientId) : AdminActors.of(caller);
    }
}
