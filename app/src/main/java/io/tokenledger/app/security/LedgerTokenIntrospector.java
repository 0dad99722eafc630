package io.tokenledger.app.security;

import io.tokenledger.app.key.PresentedTokens;
import io.tokenledger.events.user.UserRole;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates bearer tokens on the ledger's own APIs by looking them up in the ledger. A token held for a user
 * opens the ledger's admin and audit APIs only while the user has the role (read on every request, so taking a role
 * away takes effect at once).
 */
@Component
public class LedgerTokenIntrospector implements OpaqueTokenIntrospector {

    private final TokenLookup tokens;
    private final ClientLookup clients;
    private final Clock clock;
    private final PresentedTokens presented;
    private final UserLookup users;

    public LedgerTokenIntrospector(TokenLookup tokens, ClientLookup clients, Clock clock, PresentedTokens presented,
                                   UserLookup users) {
        this.tokens = tokens;
        this.presented = presented;
        this.clients = clients;
        this.clock = clock;
        this.users = users;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        // An opaque value's key is its hash, which a registration access token is also found by; a JWT's key
        // (jwt:<jti>) is no registration token's.
        String key = presented.key(token);
        return tokens.byAccessTokenHash(key)
                     .filter(t -> t.activeAt(clock.instant()))
                     .filter(LedgerTokenIntrospector::presentedAsBound)
                     .map(this::principal)
                     .or(() -> clients.byRegistrationTokenHash(key).map(LedgerTokenIntrospector::registration))
                     .orElseThrow(() -> new BadOpaqueTokenException("token is not active"));
    }

    /**
     * RFC 9449 §7: a bearer token under the Bearer scheme; a DPoP-bound one only under the DPoP scheme, whose proof
     * Spring Security's DPoP support then checks against the {@code cnf} this answers (its key, the request's method
     * and URL, the token's hash, freshness). A bound token presented as a bearer token proves nothing (§7.2).
     */
    private static boolean presentedAsBound(TokenState state) {
        boolean dpopScheme = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                             && String.valueOf(request.getRequest().getHeader(HttpHeaders.AUTHORIZATION))
                                      .regionMatches(true, 0, "DPoP ", 0, 5);
        return (state.dpopJkt() != null) == dpopScheme;
    }

    private OAuth2AuthenticatedPrincipal principal(TokenState state) {
        // A disabled account's roles open nothing, whatever token outlived its revocation.
        Set<UserRole> roles = state.userId() == null ? Set.of() : users.byUserId(state.userId())
                                                                         .filter(user -> !user.disabled())
                                                                         .map(UserAccount::roles).orElse(Set.of());
        List<GrantedAuthority> authorities = state.scopes().stream()
                                                  .filter(s -> state.userId() == null
                                                               || LedgerScopes.openedFor(s, roles))
                                                  .<GrantedAuthority>map(s -> new SimpleGrantedAuthority(
                                                          LedgerScopes.authority(s)))
                                                  .toList();
        Map<String, Object> attributes = new HashMap<>(Map.of("client_id", state.clientId(), "jti", state.tokenId(),
                "scope", String.join(" ", state.scopes())));
        if (state.userId() != null) {
            attributes.put("sub", state.userId());
        }
        if (state.dpopJkt() != null) {
            attributes.put("cnf", Map.of("jkt", state.dpopJkt()));
        }
        return new OAuth2IntrospectionAuthenticatedPrincipal(state.clientId(), attributes, authorities);
    }

    /** A registration access token (RFC 7592 §3): its client may manage its own registration, nothing more. */
    private static OAuth2AuthenticatedPrincipal registration(ClientRegistration client) {
        return new OAuth2IntrospectionAuthenticatedPrincipal(client.clientId(), Map.of("client_id", client.clientId()),
                List.of(new SimpleGrantedAuthority(RegistrationAccess.authorityFor(client.clientId()))));
    }
}
