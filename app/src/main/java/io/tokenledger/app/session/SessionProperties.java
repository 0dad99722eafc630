package io.tokenledger.app.session;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long a sign-in session lasts: it ends when unused for {@code sessionIdleTimeout}
 * ({@code LEDGER_SESSION_IDLE_TIMEOUT}) or {@code sessionMaxLifetime} ({@code LEDGER_SESSION_MAX_LIFETIME}) after
 * the sign-in, whichever comes first; {@code sessionExpiryInterval} is how often a node records the ends of the
 * sessions that expired.
 */
@ConfigurationProperties("ledger")
public record SessionProperties(Duration sessionIdleTimeout, Duration sessionMaxLifetime,
                                Duration sessionExpiryInterval) {

    public SessionProperties {
        if (sessionIdleTimeout.compareTo(sessionMaxLifetime) > 0) {
            throw new IllegalArgumentException("ledger.session-idle-timeout (" + sessionIdleTimeout
                    + ") must not be longer than ledger.session-max-lifetime (" + sessionMaxLifetime + ")");
        }
    }
}
