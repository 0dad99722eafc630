package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Issue a token whose values the caller generated; only their hashes travel with the command. */
public record IssueToken(@TargetAggregateIdentifier String tokenId, String clientId, String userId, String grantType,
                         List<String> scopes, String accessTokenHash, String refreshTokenHash,
                         Instant issuedAt, Instant expiresAt, Actor actor) {
}
