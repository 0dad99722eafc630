package io.tokenledger.app.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    /**
     * Every timestamp the ledger records comes from here, in UTC, to the microsecond: the precision of PostgreSQL's
     * timestamps, so an event says exactly what its read row holds, and its JSON carries no digits the row drops.
     */
    @Bean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
