package io.tokenledger.app.registration;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.registration.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.security.LedgerScopes;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.query.client.ClientLookup;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Registers the console ({@code /console/}) as a first-party public client of this server: it signs its users in
 * with the authorization code flow and PKCE, like any single-page application, and calls the ledger's APIs with
 * their tokens. Its redirect URI follows the issuer, so a changed {@code LEDGER_ISSUER} updates it at start-up.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.LOWEST_PRECEDENCE) // after the admin client, whose absence decides whether a new ledger needs one
public class BootstrapConsoleClient implements ApplicationRunner {

    public static final String CLIENT_ID = "ledger-console";
    /** Where the console is served, below the issuer; also its redirect URI. */
    public static final String PATH = "/console/";
    private static final Logger log = LoggerFactory.getLogger(BootstrapConsoleClient.class);
    private static final Actor BOOTSTRAP = Actor.system("bootstrap");

    private final LedgerProperties ledger;
    private final ClientLookup clients;
    private final ClientRegistrar registrar;
    private final IssuerResolver issuer;
    private final Clock clock;

    public BootstrapConsoleClient(LedgerProperties ledger, ClientLookup clients, ClientRegistrar registrar,
                                  IssuerResolver issuer, Clock clock) {
        this.ledger = ledger;
        this.clients = clients;
        this.registrar = registrar;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!ledger.role().handlesCommands()) {
            return;
        }
        ValidMetadata console = metadata(issuer.issuer() + PATH);
        var existing = clients.find(CLIENT_ID);
        if (existing.isEmpty()) {
            register(console);
        } else if (existing.get().active() && !existing.get().redirectUris().equals(console.redirectUris())) {
            // Only where it returns to follows the issuer: scopes an administrator narrowed stay narrowed.
            registrar.updateMetadata(CLIENT_ID, ValidMetadata.of(existing.get()).withReturnTo(console.redirectUris()),
                    clock.instant(), BOOTSTRAP);
            log.warn("The console client {} now redirects to {} (was {}): set LEDGER_ISSUER alike on every node",
                    CLIENT_ID, console.redirectUris(), existing.get().redirectUris());
        }
    }

    private void register(ValidMetadata console) {
        try {
            registrar.record(CLIENT_ID, console, null, null, clock.instant(), BOOTSTRAP);
            log.info("Registered the console client {} ({})", CLIENT_ID, console.redirectUris().get(0));
        } catch (AggregateStreamCreationException e) {
            log.info("The console client {} was registered by another node", CLIENT_ID);
        }
    }

    /** A public client (PKCE, no secret) that skips the consent page: the server's own. */
    static ValidMetadata metadata(String redirectUri) {
        return new ValidMetadata("Token Ledger console", List.of(redirectUri), List.of("authorization_code"),
                List.of(LedgerScopes.AUDIT, LedgerScopes.ADMIN, "openid"), "none", List.of(redirectUri), true,
                "opaque", null, null, null, false, false, TokenExchangePolicy.NONE);
    }
}
