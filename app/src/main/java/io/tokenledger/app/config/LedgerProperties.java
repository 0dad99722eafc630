package io.tokenledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ledger.*} settings ({@code LEDGER_*} environment variables).
 *
 * @param issuer            RFC 8414 issuer; {@code http://localhost:<port>} when not set
 * @param adminClientId     bootstrap admin client, registered at start-up if absent
 * @param adminClientSecret its secret; generated and printed once when not set
 * @param accessTokenTtl    lifetime of access tokens
 * @param dataDir           where the embedded default database keeps its data
 * @param maxRequestBody    larger request bodies are refused with 413
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(String issuer, String adminClientId, String adminClientSecret,
                               Duration accessTokenTtl, Path dataDir, DataSize maxRequestBody) {
}
