package io.tokenledger.app.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    /** Every timestamp the ledger records comes from here, in UTC. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
