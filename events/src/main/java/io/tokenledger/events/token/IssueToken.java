package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Issue a token whose values the caller generated; only their hashes travel with the command. */
public record IssueToken(@TargetAggregateIdentifier String tokenId, String clientId, String userId, String grantType,
                         List<String> scopes, String accessTokenHash, String refreshTokenHash,
                         Instant issuedAt, Instant expiresAt, Actor actor) {

    /** A token of a client acting on its own behalf: no user, no grant, no refresh token. */
    public static IssueToken clientCredentials(String tokenId, String clientId, List<String> scopes,
                                               String accessTokenHash, Instant issuedAt, Instant expiresAt) {
        return new IssueToken(tokenId, clientId, null, "client_credentials", scopes, accessTokenHash, null,
                issuedAt, expiresAt, Actor.client(clientId));
    }
}
