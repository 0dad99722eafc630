package io.tokenledger.app.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The seed's cleanups, as settings ({@code LEDGER_RETENTION_*}).
 *
 * @param tokensAfter how long after a token can no longer be used (access and refresh expiry) its row is pruned
 * @param codesAfter  how long after its creation an authorization code's row is pruned, and after its expiry a
 *                    device's request's (RFC 8628)
 * @param batchSize   rows deleted per statement, so no delete holds many locks for long
 */
@ConfigurationProperties("ledger.retention")
public record RetentionProperties(boolean enabled, Duration tokensAfter, Duration codesAfter, int batchSize,
                                  Duration interval) {
}
