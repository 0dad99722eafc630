package io.tokenledger.app.oidc;

import io.tokenledger.app.commanding.ProcessorCommands;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.events.logout.RequestBackchannelLogout;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.session.SessionEnded;
import io.tokenledger.projections.ProcessorFailures;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * OpenID Connect Back-Channel Logout 1.0 §2.7: when a user logs out, or an administrator disables them, every client
 * the session signed them in to that registered a {@code backchannel_logout_uri} is to be told
 * ({@code BackchannelLogoutRequested}); {@link BackchannelLogoutDelivery} then delivers. Sessions that merely expire
 * are not announced: the clients' own sessions expire on their own terms, as Keycloak does it.
 *
 * <p>Its commands are sent as {@link ProcessorCommands} says. The logout's id is derived from the session and the client, so a session's end handled again after a crash
 * asks for nothing twice: the event store refuses the second stream.
 */
@ProcessingGroup(BackchannelLogouts.NAME)
@DisallowReplay
public class BackchannelLogouts {

    public static final String NAME = "backchannel_logout";
    private static final Set<SessionEndReason> ANNOUNCED = Set.of(SessionEndReason.LOGGED_OUT,
            SessionEndReason.USER_DISABLED);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final IssuerResolver issuer;
    private final ProcessorCommands worker = new ProcessorCommands(NAME);

    public BackchannelLogouts(CommandGateway commands, JdbcTemplate jdbc, IssuerResolver issuer) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.issuer = issuer;
    }

    @EventHandler
    void on(SessionEnded event) {
        if (!ANNOUNCED.contains(event.reason())) {
            return;
        }
        List<Listener> listeners = listeners(event.sessionId());
        if (!listeners.isEmpty()) {
            worker.send(() -> listeners.forEach(listener -> request(event, listener)));
        }
    }

    private void request(SessionEnded event, Listener listener) {
        String logoutId = UUID.nameUUIDFromBytes((event.sessionId() + "/" + listener.clientId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        try {
            commands.sendAndWait(new RequestBackchannelLogout(logoutId, event.sessionId(), event.userId(),
                    listener.clientId(), listener.uri(), issuer.issuer(), event.endedAt(), event.actor()));
        } catch (AggregateStreamCreationException alreadyRequested) {
            // this session's end was handled before a crash; its logouts are on their way
        }
    }

    /** Stops the worker with the context. */
    void close() {
        worker.close();
    }

    /** The clients the session signed its user in to that listen for logouts, and where. */
    private List<Listener> listeners(String sessionId) {
        return jdbc.query("""
                SELECT DISTINCT c.client_id, c.backchannel_logout_uri FROM session_grants g
                JOIN clients c ON c.client_id = g.client_id
                WHERE g.session_id = ?::uuid AND c.backchannel_logout_uri IS NOT NULL AND c.retired_at IS NULL
                ORDER BY c.client_id""", (rs, row) -> new Listener(rs.getString(1), rs.getString(2)), sessionId);
    }

    private record Listener(String clientId, String uri) {
    }

    /** A processor of its own, from the ledger's head: sessions that ended before are history. */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean(destroyMethod = "close")
        BackchannelLogouts backchannelLogouts(CommandGateway commands, JdbcTemplate jdbc, IssuerResolver issuer) {
            return new BackchannelLogouts(commands, jdbc, issuer);
        }

        @Bean
        ConfigurerModule backchannelLogoutProcessor(ProcessorFailures failures) {
            return ProcessorCommands.processorFromTheHead(NAME, failures);
        }
    }
}
