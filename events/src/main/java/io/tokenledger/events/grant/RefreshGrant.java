package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Use a refresh token of a grant (RFC 6749 §6).
 *
 * @param presentedTokenId the token whose refresh token was presented
 * @param scopes           the scopes asked for, or empty for all the grant's scopes
 * @param clientScopes     the client's scopes now: the grant yields none beyond them
 * @param resources        the resources asked for (RFC 8707), empty for all the grant's
 * @param idToken          a new ID token to issue if the token keeps {@code openid} (OpenID Connect Core §12.2)
 * @param bindRefresh      whether an unbound grant's refresh tokens become bound to the DPoP key of {@code tokens}
 *                         (a public client's, RFC 9449 §5)
 */
public record RefreshGrant(@TargetAggregateIdentifier String grantId, String clientId, String presentedTokenId,
                           List<String> scopes, List<String> clientScopes, List<String> resources, NewTokens tokens,
                           NewIdToken idToken, boolean bindRefresh, Instant refreshedAt, Actor actor) {
}
