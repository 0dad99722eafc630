package io.tokenledger.app.security;

import io.tokenledger.events.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/** Who a change made through the admin API is recorded as caused by. */
public final class AdminActors {

    private AdminActors() {
    }

    /**
     * The signed-in user for a token a client holds for a user (the console's, among others): the person who acted,
     * not the program they used; the client itself for its own token ({@code client_credentials}).
     */
    public static Actor of(Authentication caller) {
        if (caller.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal
            && principal.getAttribute("sub") instanceof String userId) {
            return Actor.user(userId);
        }
        return Actor.admin(caller.getName());
    }
}
