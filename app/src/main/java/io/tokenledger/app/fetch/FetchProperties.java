package io.tokenledger.app.fetch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Limits on every document this server fetches because a client named its URL ({@code jwks_uri}, client ID metadata
 * documents): the whole fetch within {@code timeout}, at most {@code maxBytes}, kept for {@code cacheTtl}; and the
 * private, loopback and link-local addresses it may still reach, as addresses or CIDR blocks
 * ({@code allowedAddresses}, none by default).
 */
@ConfigurationProperties("ledger.fetch")
public record FetchProperties(@DefaultValue("PT3S") Duration timeout, @DefaultValue("65536") int maxBytes,
                              @DefaultValue("PT5M") Duration cacheTtl, @DefaultValue List<String> allowedAddresses) {

    public FetchProperties {
        if (timeout.isNegative() || timeout.isZero() || maxBytes < 1) {
            throw new IllegalArgumentException("ledger.fetch.timeout and ledger.fetch.max-bytes must be positive");
        }
    }
}
