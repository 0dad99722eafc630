package io.tokenledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ledger.*} settings ({@code LEDGER_*} environment variables).
 *
 * @param role               which half of the work this node does; {@code all} when not set
 * @param issuer             RFC 8414 issuer; {@code http://localhost:<port>} when not set
 * @param adminClientId      bootstrap admin client, registered at start-up if absent
 * @param adminClientSecret  its secret; generated and printed once when not set
 * @param accessTokenTtl     lifetime of access tokens
 * @param codeTtl            lifetime of authorization codes, at most 10 minutes (RFC 6749 §4.1.2)
 * @param refreshTokenTtl    absolute lifetime of a grant's refresh tokens, counted from the code's redemption
 * @param refreshRetryWindow how long a client that lost a refresh response may present the old refresh token again
 * @param dataDir            where the embedded default database keeps its data
 * @param maxRequestBody     larger request bodies are refused with 413
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(Role role, String issuer, String adminClientId, String adminClientSecret,
                               Duration accessTokenTtl, Duration codeTtl, Duration refreshTokenTtl,
                               Duration refreshRetryWindow, Path dataDir, DataSize maxRequestBody) {

    private static final Duration MAX_CODE_TTL = Duration.ofMinutes(10);
    /** OWASP ASVS V2.1.1's least length for a secret a person chooses. */
    private static final int MIN_ADMIN_SECRET = 12;

    public LedgerProperties {
        role = role == null ? Role.ALL : role;
        if (adminClientSecret != null && !adminClientSecret.isBlank() && adminClientSecret.length() < MIN_ADMIN_SECRET) {
            throw new IllegalArgumentException("ledger.admin-client-secret must be at least " + MIN_ADMIN_SECRET
                    + " characters (OWASP ASVS V2.1.1); leave it unset to have one generated");
        }
        if (codeTtl != null && codeTtl.compareTo(MAX_CODE_TTL) > 0) {
            throw new IllegalArgumentException("ledger.code-ttl must be at most 10 minutes (RFC 6749 §4.1.2), was "
                    + codeTtl);
        }
    }
}
