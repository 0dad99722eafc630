package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Exchange a grant's code for tokens (RFC 6749 §4.1.3).
 *
 * @param verifierChallenge S256 of the presented {@code code_verifier} (RFC 7636 §4.6), or null when none was sent;
 *                          the verifier itself never reaches the ledger
 * @param clientScopes      the client's scopes now: the grant yields none beyond them
 * @param resources         the resources the token request named (RFC 8707), empty for all the grant's
 * @param idToken           the ID token to issue if the grant holds {@code openid}; null for none
 * @param bindRefresh       whether the grant's refresh tokens are bound to the DPoP key of {@code tokens} (a public
 *                          client's, RFC 9449 §5)
 */
public record RedeemAuthorizationCode(@TargetAggregateIdentifier String grantId, String clientId, String redirectUri,
                                      String verifierChallenge, List<String> clientScopes, List<String> resources,
                                      NewTokens tokens, NewIdToken idToken,
                                      Instant refreshExpiresAt, boolean bindRefresh, Instant redeemedAt,
                                      Actor actor) {
}
