package io.tokenledger.app.registration;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.registration.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.security.LedgerScopes;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the bootstrap admin client at start-up when it is absent. With no {@code LEDGER_ADMIN_CLIENT_ID}
 * on a ledger that has no administrator yet, it generates {@code ledger-admin} and prints its credentials once.
 * A node serving HTTP does it, for its callers; a command run from the jar ({@code verify}, …) changes nothing it
 * was not asked to.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class BootstrapAdminClient implements ApplicationRunner {

    static final String DEFAULT_ID = "ledger-admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminClient.class);
    private static final ValidMetadata ADMIN = new ValidMetadata("Ledger administrator", List.of(),
            List.of("client_credentials"), List.of(LedgerScopes.ADMIN, LedgerScopes.AUDIT, LedgerScopes.INTROSPECT),
            "client_secret_basic", List.of(), true, "opaque", null, null, null, false, false, TokenExchangePolicy.NONE);

    private final LedgerProperties ledger;
    private final ClientLookup clients;
    private final ClientRegistrar registrar;
    private final Clock clock;

    public BootstrapAdminClient(LedgerProperties ledger, ClientLookup clients, ClientRegistrar registrar, Clock clock) {
        this.ledger = ledger;
        this.clients = clients;
        this.registrar = registrar;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!ledger.role().handlesCommands()) {
            return;
        }
        boolean configured = ledger.adminClientId() != null && !ledger.adminClientId().isBlank();
        String clientId = configured ? ledger.adminClientId() : DEFAULT_ID;
        var existing = clients.find(clientId);
        if (existing.isPresent()) {
            warnOnSecretMismatch(existing.get().secretHash());
            grantIntrospection(existing.get());
            return;
        }
        if (!configured && clients.anyAdministrator()) {
            return;
        }
        String chosen = ledger.adminClientSecret();
        boolean generated = chosen == null || chosen.isBlank();
        String secret = generated ? Secrets.generate() : chosen;
        try {
            registrar.record(clientId, ADMIN, generated ? Secrets.sha256(secret) : Secrets.bcrypt(secret), null,
                    clock.instant(), Actor.system("bootstrap"));
        } catch (AggregateStreamCreationException e) {
            log.info("Bootstrap admin client {} was registered by another node", clientId);
            return;
        }
        log.info("Registered the bootstrap admin client {} (scopes {})", clientId, String.join(" ", ADMIN.scopes()));
        if (generated) {
            printOnce(clientId, secret);
        }
    }

    /** An admin registered before introspection needed a permission keeps seeing every client's tokens. */
    private void grantIntrospection(ClientRegistration admin) {
        if (!admin.active() || admin.scopes().contains(LedgerScopes.INTROSPECT)) {
            return;
        }
        List<String> scopes = new ArrayList<>(admin.scopes());
        scopes.add(LedgerScopes.INTROSPECT);
        registrar.updateMetadata(admin.clientId(), ValidMetadata.of(admin).withScopes(scopes), clock.instant(),
                Actor.system("bootstrap"));
        log.info("Gave the admin client {} the {} permission (RFC 7662 §4)", admin.clientId(),
                LedgerScopes.INTROSPECT);
    }

    private void warnOnSecretMismatch(String storedHash) {
        String chosen = ledger.adminClientSecret();
        if (chosen != null && !chosen.isBlank() && !Secrets.matches(chosen, storedHash)) {
            log.warn("LEDGER_ADMIN_CLIENT_SECRET does not match the registered admin client's secret; "
                    + "the registered secret stays in force");
        }
    }

    /** On the console only, never through the logging system, so no log file or shipper keeps it. */
    @SuppressWarnings("java:S106")
    private static void printOnce(String clientId, String secret) {
        System.out.printf("%n=== Token Ledger bootstrap admin client (shown once; only its hash is stored) ===%n"
                + "client_id:     %s%nclient_secret: %s%n"
                + "=================================================================================%n%n",
                clientId, secret);
    }
}
