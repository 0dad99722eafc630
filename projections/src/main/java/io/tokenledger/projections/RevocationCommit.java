package io.tokenledger.projections;

import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code ledger.revocation.synchronous-commit}: a transaction that takes something back (a revocation, a refresh token's
 * rotation, a client's retirement, new secret or changed registration: the changes to {@code tokens} and
 * {@code clients} rows that the introspection cache drops too) commits with {@code SET LOCAL synchronous_commit} at
 * this level. With {@code remote_apply}, and the replicas named in the primary's {@code synchronous_standby_names},
 * the command answers only once those replicas show the change, so a query node reading one never answers
 * {@code active} for a token whose revocation was acknowledged. Other transactions, issuance included, commit as the
 * database is set. It runs with the projections that commit with their events, in the command's transaction.
 * <p>
 * Such transactions name themselves ({@value #WAITING}) so that the app's watchdog can bound their wait for a stalled
 * standby, which PostgreSQL would let last for ever.
 */
@Component
@ProcessingGroup(RevocationCommit.NAME)
public class RevocationCommit implements SmartInitializingSingleton {

    public static final String NAME = "revocation-commit";
    /** The {@code application_name} of a transaction that takes something back, while it lasts. */
    public static final String WAITING = "token-ledger revocation";
    private static final Logger log = LoggerFactory.getLogger(RevocationCommit.class);
    /** The levels that wait for at least the local flush; {@code off} and {@code local} would weaken a revocation. */
    private static final List<String> LEVELS = List.of("on", "remote_write", "remote_apply");
    private static final String APPLIED = RevocationCommit.class.getName();

    private final JdbcTemplate jdbc;
    private final String level;

    public RevocationCommit(JdbcTemplate jdbc, @Value("${ledger.revocation.synchronous-commit:}") String level) {
        this.jdbc = jdbc;
        this.level = level.strip();
        if (!this.level.isEmpty() && !LEVELS.contains(this.level)) {
            throw new IllegalArgumentException("ledger.revocation.synchronous-commit must be one of " + LEVELS
                    + " or unset, was '" + level + "'");
        }
    }

    /** Whether a transaction that takes something back waits for more than its own commit (the setting is set). */
    public boolean waitsForStandbys() {
        return !level.isEmpty();
    }

    /** {@code remote_apply} with no synchronous standby waits for none: said once, at start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        if (level.startsWith("remote_")
                && jdbc.queryForObject("SELECT current_setting('synchronous_standby_names')", String.class).isBlank()) {
            log.warn("ledger.revocation.synchronous-commit={} waits for no replica: the primary's "
                    + "synchronous_standby_names is empty, so a replica's readers may see a revocation late", level);
        }
    }

    @EventHandler
    void on(TokenRevoked e) {
        takesBack();
    }

    @EventHandler
    void on(GrantRevoked e) {
        takesBack();
    }

    @EventHandler
    void on(RefreshTokenRotated e) {
        takesBack();
    }

    @EventHandler
    void on(ClientUpdated e) {
        takesBack();
    }

    @EventHandler
    void on(ClientSecretRotated e) {
        takesBack();
    }

    @EventHandler
    void on(ClientRetired e) {
        takesBack();
    }

    /** Once per transaction, in it: SET LOCAL lasts until its commit, which is when the setting is read. */
    private void takesBack() {
        if (level.isEmpty()) {
            return;
        }
        CurrentUnitOfWork.get().root().getOrComputeResource(APPLIED, key -> {
            jdbc.queryForList("SELECT set_config('synchronous_commit', ?, true), set_config('application_name', ?, "
                    + "true)", level, WAITING);
            return Boolean.TRUE;
        });
    }
}
