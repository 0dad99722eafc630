package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A user authenticated and an authorization code was issued (RFC 6749 §4.1.2).
 *
 * @param codeHash      {@code sha256:<hex>} of the code; the code itself is never recorded
 * @param codeChallenge the PKCE challenge (RFC 7636 §4.2): derived from a secret, not the secret
 * @param resources     the resources the user authorized the client for (RFC 8707), or {@code null} for any;
 *                      revision 2 added it
 * @param nonce         the request's OpenID Connect {@code nonce}, for its ID token; null for none (revision 3)
 * @param authentication how the user signed in; null before revision 3, when it was always the form, then
 * @param dpopJkt       the thumbprint of the DPoP key the code is bound to ({@code dpop_jkt}, RFC 9449 §10): only a
 *                      proof of that key redeems it; null for none (revision 4)
 */
@Revision("4")
public record AuthorizationCodeIssued(String grantId, String clientId, String userId, String codeHash,
                                      String redirectUri, List<String> scopes, List<String> resources,
                                      String codeChallenge,
                                      String codeChallengeMethod, Instant issuedAt, Instant expiresAt, String nonce,
                                      Authentication authentication, String dpopJkt, Actor actor)
        implements GrantEvent {
}
