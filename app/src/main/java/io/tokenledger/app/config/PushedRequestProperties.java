package io.tokenledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Pushed authorization requests (RFC 9126): how long a {@code request_uri} lives ({@code pushedRequestTtl}, at most
 * 10 minutes), and whether every client must push its requests ({@code requirePushedAuthorizationRequests}).
 */
@ConfigurationProperties("ledger")
public record PushedRequestProperties(@DefaultValue("PT60S") Duration pushedRequestTtl,
                                      @DefaultValue("false") boolean requirePushedAuthorizationRequests) {

    public PushedRequestProperties {
        if (pushedRequestTtl.isNegative() || pushedRequestTtl.isZero()
            || pushedRequestTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("ledger.pushed-request-ttl must be more than 0 and at most 10 minutes");
        }
    }
}
