package io.tokenledger.app.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.Instant;

/**
 * How back-channel logouts are delivered: each node that handles commands looks for the ones due every
 * {@code backchannelLogoutInterval}, gives a client {@code backchannelLogoutTimeout} to answer, and tries
 * {@code backchannelLogoutMaxAttempts} times, waiting {@code backchannelLogoutRetryBackoff}, then twice that, and so
 * on, between attempts.
 */
@ConfigurationProperties("ledger")
public record BackchannelLogoutProperties(Duration backchannelLogoutInterval, Duration backchannelLogoutTimeout,
                                          int backchannelLogoutMaxAttempts, Duration backchannelLogoutRetryBackoff) {

    public BackchannelLogoutProperties {
        if (backchannelLogoutMaxAttempts < 1) {
            throw new IllegalArgumentException("ledger.backchannel-logout-max-attempts must be at least 1");
        }
    }

    /** When the attempt after this one is due, or null when this was the last. */
    public Instant retryAfter(int attempt, Instant now) {
        if (attempt >= backchannelLogoutMaxAttempts) {
            return null;
        }
        return now.plus(backchannelLogoutRetryBackoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
    }
}
