package io.tokenledger.events.key;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Record a new signing key by its public half; the private half stays where it was generated, outside the database.
 *
 * @param publicJwk the public key as a JSON Web Key (RFC 7517): {@code kty}, {@code kid}, {@code alg}, {@code use}
 *                  and the key's public parameters, never a private one
 */
public record GenerateSigningKey(@TargetAggregateIdentifier String kid, String algorithm, Map<String, String> publicJwk,
                                 Instant generatedAt, Actor actor) {
}
