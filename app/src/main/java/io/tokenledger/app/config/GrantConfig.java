package io.tokenledger.app.config;

import io.tokenledger.command.grant.GrantPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GrantConfig {

    /** Injected by Axon into the grant aggregate's command handlers. */
    @Bean
    public GrantPolicy grantPolicy(LedgerProperties ledger) {
        return new GrantPolicy(ledger.refreshRetryWindow());
    }
}
