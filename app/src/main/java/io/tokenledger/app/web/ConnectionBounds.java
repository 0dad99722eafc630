package io.tokenledger.app.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What one client can hold of the server: at most {@code ledger.max-requests-per-address} requests in progress
 * (0 turns the bound off). With {@code server.tomcat.connection-timeout} (10 s), which bounds each wait for a byte of
 * a request, a slow client holds few threads and not for long. docs/operations.md says what a reverse proxy adds.
 */
@Component
@ConditionalOnWebApplication
class ConnectionBounds implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int perAddress;
    private final MeterRegistry registry;

    ConnectionBounds(@Value("${ledger.max-requests-per-address:32}") int perAddress, MeterRegistry registry) {
        if (perAddress < 0) {
            throw new IllegalArgumentException("ledger.max-requests-per-address must be 0 (off) or more");
        }
        this.perAddress = perAddress;
        this.registry = registry;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (perAddress > 0) {
            // A context valve: it runs after the engine's RemoteIpValve, so it counts the client behind a trusted proxy.
            factory.addContextValves(new RequestsPerAddressValve(perAddress,
                    Counter.builder("ledger.requests.refused")
                           .description("requests refused with 429 before they were read, by reason")
                           .tag("reason", "per_address_bound").register(registry)));
        }
    }
}
