package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Issue a token whose values the caller generated; only their hashes travel with the command. */
public record IssueToken(@TargetAggregateIdentifier String tokenId, String clientId, String userId, String grantType,
                         List<String> scopes, List<String> audience, String accessTokenHash, String refreshTokenHash,
                         Instant issuedAt, Instant expiresAt, String keyId, String jkt, ExchangedFrom exchangedFrom,
                         Actor actor) {

    /**
     * A token of a client acting on its own behalf: no user, no grant, no refresh token.
     *
     * @param audience the resources it is for (RFC 8707), empty for any
     * @param keyId    the key that will sign it when it is a JWT (then {@code accessTokenHash} is null), else null
     * @param jkt      the thumbprint of the DPoP key it is bound to (RFC 9449), or null for a bearer token
     */
    public static IssueToken clientCredentials(String tokenId, String clientId, List<String> scopes,
                                               List<String> audience, String accessTokenHash, Instant issuedAt,
                                               Instant expiresAt, String keyId, String jkt) {
        return new IssueToken(tokenId, clientId, null, "client_credentials", scopes, audience, accessTokenHash, null,
                issuedAt, expiresAt, keyId, jkt, null, Actor.client(clientId));
    }
}
