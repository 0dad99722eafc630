package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Start a grant with an authorization code whose value the caller generated; only its hash travels.
 *
 * @param resources the resources the authorization request named (RFC 8707), empty for none
 * @param nonce     the OpenID Connect {@code nonce} it carried, or null
 */
public record IssueAuthorizationCode(@TargetAggregateIdentifier String grantId, String clientId, String userId,
                                     String codeHash, String redirectUri, List<String> scopes,
                                     List<String> resources, String codeChallenge,
                                     String codeChallengeMethod, Instant issuedAt, Instant expiresAt, String nonce,
                                     Authentication authentication, String dpopJkt, Actor actor) {
}
