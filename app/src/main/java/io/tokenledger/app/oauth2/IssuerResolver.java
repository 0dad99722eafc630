package io.tokenledger.app.oauth2;

import io.tokenledger.app.config.LedgerProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The issuer identifier: {@code LEDGER_ISSUER}, or {@code http://localhost:<port>} once the port is known. */
@Component
public class IssuerResolver {

    private static final String LOCAL_PORT = "local.server.port";

    private final Environment environment;
    /** Resolving a property walks every property source: too slow for every introspection, and fixed once known. */
    private volatile String resolved;

    public IssuerResolver(LedgerProperties ledger, Environment environment) {
        this.environment = environment;
        this.resolved = ledger.issuer() == null || ledger.issuer().isBlank() ? null : stripSlash(ledger.issuer());
    }

    public String issuer() {
        String issuer = resolved;
        if (issuer != null) {
            return issuer;
        }
        String port = environment.getProperty(LOCAL_PORT);
        issuer = "http://localhost:" + (port != null ? port : environment.getProperty("server.port", "8080"));
        if (port != null) {
            resolved = issuer;
        }
        return issuer;
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
