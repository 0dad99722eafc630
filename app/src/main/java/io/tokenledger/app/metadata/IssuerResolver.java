package io.tokenledger.app.metadata;

import io.tokenledger.app.config.LedgerProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The issuer identifier: {@code LEDGER_ISSUER}, or {@code http://localhost:<port>} once the port is known. */
@Component
public class IssuerResolver {

    private final String configured;
    private final Environment environment;

    public IssuerResolver(LedgerProperties ledger, Environment environment) {
        this.configured = ledger.issuer() == null || ledger.issuer().isBlank() ? null : stripSlash(ledger.issuer());
        this.environment = environment;
    }

    public String issuer() {
        return configured != null ? configured
                : "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
