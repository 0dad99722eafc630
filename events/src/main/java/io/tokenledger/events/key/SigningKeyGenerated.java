package io.tokenledger.events.key;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * A signing key was made. The ledger holds its public half, so that any token it signed can be checked against the
 * ledger long after the key left {@code /oauth2/jwks}.
 *
 * @param algorithm the JWS algorithm it signs with ({@code RS256}, {@code ES256})
 * @param publicJwk its public JSON Web Key (RFC 7517); never a private parameter
 */
@Revision("1")
public record SigningKeyGenerated(String kid, String algorithm, Map<String, String> publicJwk, Instant generatedAt,
                                  Actor actor) implements SigningKeyEvent {
}
