package io.tokenledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The device authorization grant (RFC 8628): how long a device code and its user code live ({@code deviceCodeTtl},
 * at most 30 minutes) and how often a device may poll ({@code devicePollingInterval}, at least a second).
 */
@ConfigurationProperties("ledger")
public record DeviceAuthorizationProperties(@DefaultValue("PT10M") Duration deviceCodeTtl,
                                            @DefaultValue("PT5S") Duration devicePollingInterval) {

    public DeviceAuthorizationProperties {
        if (deviceCodeTtl.compareTo(Duration.ofMinutes(1)) < 0 || deviceCodeTtl.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("ledger.device-code-ttl must be between 1 and 30 minutes");
        }
        if (devicePollingInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ledger.device-polling-interval must be at least a second");
        }
    }
}
