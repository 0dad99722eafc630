package io.tokenledger.app.client;

import io.tokenledger.app.commanding.ProcessorCommands;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.grant.NarrowGrant;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.projections.ProcessorFailures;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.function.Function;

/**
 * Carries what an administrator does to a client into each of its grants, so that every grant's own history says
 * it: narrowing the client narrows its live grants ({@code GrantNarrowed}), retiring it revokes them
 * ({@code GrantRevoked}, {@code CLIENT_RETIRED}). Refresh and redemption check the client's scopes themselves, so
 * nothing waits on this; it makes the histories complete, including grants never used again.
 *
 * <p>Each grant's command commits on its own ({@link ProcessorCommands}), so a client with many grants is not one
 * long transaction; after a crash the event is handled again, and the grants already changed record nothing the
 * second time.
 */
@ProcessingGroup(GrantsFollowTheirClient.NAME)
@DisallowReplay
public class GrantsFollowTheirClient {

    public static final String NAME = "client_grants";

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ProcessorCommands worker = new ProcessorCommands(NAME);

    public GrantsFollowTheirClient(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientUpdated event) {
        List<String> beyond = jdbc.queryForList("""
                SELECT DISTINCT grant_id::text FROM tokens
                WHERE client_id = ? AND grant_id IS NOT NULL AND revoked_at IS NULL
                  AND NOT (string_to_array(scope, ' ') <@ ?::text[])""", String.class, event.clientId(),
                event.scopes().toArray(String[]::new));
        send(beyond, grantId -> new NarrowGrant(grantId, event.scopes(), event.updatedAt(), event.actor()));
    }

    @EventHandler
    void on(ClientRetired event) {
        List<String> live = jdbc.queryForList("""
                SELECT DISTINCT grant_id::text FROM tokens
                WHERE client_id = ? AND grant_id IS NOT NULL AND revoked_at IS NULL""", String.class,
                event.clientId());
        send(live, grantId -> new RevokeGrant(grantId, RevocationReason.CLIENT_RETIRED, event.retiredAt(),
                event.actor()));
    }

    private void send(List<String> grantIds, Function<String, Object> command) {
        if (!grantIds.isEmpty()) {
            worker.send(() -> grantIds.forEach(grantId -> commands.sendAndWait(command.apply(grantId))));
        }
    }

    /** Stops the worker with the context. */
    void close() {
        worker.close();
    }

    /** A processor of its own, from the ledger's head: earlier changes of clients are history. */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean(destroyMethod = "close")
        GrantsFollowTheirClient grantsFollowTheirClient(CommandGateway commands, JdbcTemplate jdbc) {
            return new GrantsFollowTheirClient(commands, jdbc);
        }

        @Bean
        ConfigurerModule clientGrantsProcessor(ProcessorFailures failures) {
            return ProcessorCommands.processorFromTheHead(NAME, failures);
        }
    }
}
