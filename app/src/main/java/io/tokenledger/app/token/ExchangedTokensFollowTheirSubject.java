package io.tokenledger.app.token;

import io.tokenledger.app.commanding.ProcessorCommands;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.token.ExchangedFrom;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import io.tokenledger.projections.ProcessorFailures;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Revokes what was exchanged from a revoked token (RFC 8693), when the exchanging client registered
 * {@code token_exchange_revoked_with_subject}: each such token's own history then says {@code SUBJECT_TOKEN_REVOKED},
 * caused by this server. A token exchanged from an exchanged one follows in turn, when its revocation comes by.
 *
 * <p>Each revocation commits on its own ({@link ProcessorCommands}); after a crash the event is handled again and the
 * tokens already revoked record nothing the second time.
 */
@ProcessingGroup(ExchangedTokensFollowTheirSubject.NAME)
@DisallowReplay
public class ExchangedTokensFollowTheirSubject {

    public static final String NAME = "exchanged_tokens";
    private static final Actor SERVER = Actor.system("token-exchange");
    private static final String FOLLOWING = """
            SELECT token_id::text FROM tokens
            WHERE revoked_with_subject AND revoked_at IS NULL AND subject_token_id""";

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ProcessorCommands worker = new ProcessorCommands(NAME);

    public ExchangedTokensFollowTheirSubject(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TokenRevoked event) {
        revoke(jdbc.queryForList(FOLLOWING + " = ?", String.class, UUID.fromString(event.tokenId())),
                event.revokedAt());
    }

    /**
     * An exchange that committed after its subject's revocation was handled would otherwise escape: it follows here,
     * once its own issuance comes by.
     */
    @EventHandler
    void on(TokenIssued event) {
        ExchangedFrom from = event.exchangedFrom();
        if (from != null && from.revokedWithSubject()) {
            revoke(jdbc.queryForList("""
                    SELECT ?::text FROM tokens WHERE token_id = ?::uuid AND revoked_at IS NOT NULL""", String.class,
                    event.tokenId(), from.subjectTokenId()), event.issuedAt());
        }
    }

    @EventHandler
    void on(GrantRevoked event) {
        revoke(jdbc.queryForList(FOLLOWING + " IN (SELECT token_id FROM tokens WHERE grant_id = ?)", String.class,
                UUID.fromString(event.grantId())), event.revokedAt());
    }

    private void revoke(List<String> tokenIds, Instant at) {
        if (!tokenIds.isEmpty()) {
            worker.send(() -> tokenIds.forEach(tokenId -> commands.sendAndWait(
                    new RevokeToken(tokenId, RevocationReason.SUBJECT_TOKEN_REVOKED, at, SERVER))));
        }
    }

    /** Stops the worker with the context. */
    void close() {
        worker.close();
    }

    /** A processor of its own, from the ledger's head: revocations before it existed had nothing to follow. */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean(destroyMethod = "close")
        ExchangedTokensFollowTheirSubject exchangedTokensFollowTheirSubject(CommandGateway commands,
                                                                            JdbcTemplate jdbc) {
            return new ExchangedTokensFollowTheirSubject(commands, jdbc);
        }

        @Bean
        ConfigurerModule exchangedTokensProcessor(ProcessorFailures failures) {
            return ProcessorCommands.processorFromTheHead(NAME, failures);
        }
    }
}
