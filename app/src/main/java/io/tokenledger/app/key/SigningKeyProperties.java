package io.tokenledger.app.key;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The keys that sign ID tokens and JWT access tokens.
 *
 * @param signingKeysDir                      where the private keys live ({@code LEDGER_SIGNING_KEYS_DIR}), outside
 *                                            the database: one JWK file per key, readable by the nodes only
 * @param signingKeyAlgorithm                 what a new key signs with: {@code RS256} (the default) or {@code ES256}
 * @param signingKeysPublishedAfterRetirement how long a retired key stays in {@code /oauth2/jwks}, so that what it
 *                                            signed still validates while it may be in use
 * @param signingKeyRotationInterval          how long a key signs before a new one replaces it; zero for never
 */
@ConfigurationProperties("ledger")
public record SigningKeyProperties(Path signingKeysDir, String signingKeyAlgorithm,
                                   Duration signingKeysPublishedAfterRetirement, Duration signingKeyRotationInterval) {

    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

    public SigningKeyProperties {
        if (!ALGORITHMS.contains(signingKeyAlgorithm)) {
            throw new IllegalArgumentException("ledger.signing-key-algorithm must be one of " + ALGORITHMS + ", was "
                    + signingKeyAlgorithm);
        }
        if (signingKeyRotationInterval.isNegative()) {
            throw new IllegalArgumentException("ledger.signing-key-rotation-interval must not be negative, was "
                    + signingKeyRotationInterval);
        }
    }

    public boolean rotatesOnSchedule() {
        return !signingKeyRotationInterval.isZero();
    }
}
