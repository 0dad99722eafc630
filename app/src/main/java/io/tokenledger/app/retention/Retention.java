package io.tokenledger.app.retention;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.projections.rebuild.RowRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prunes the read tables as the seed's cleanups did, in batches, on every node (batches skip rows another node
 * holds). Only read rows go: the events stay, so histories and rebuilds still see everything. A token row stays
 * while its refresh token could still be presented, so reuse of a retired refresh token is still detected.
 */
@Component
public class Retention implements RowRetention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcTemplate jdbc;
    private final RetentionProperties settings;

    public Retention(JdbcTemplate jdbc, RetentionProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "${ledger.retention.interval}", fixedDelayString = "${ledger.retention.interval}")
    public void scheduled() {
        if (settings.enabled()) {
            prune();
        }
    }

    /** The tables retention covers are pruned again after a rebuild refilled them. */
    @Override
    public void pruneRebuilt(String table) {
        if (settings.enabled() && (table.equals("tokens") || table.equals("authorization_codes")
                                   || table.equals("device_authorizations"))) {
            prune();
        }
    }

    /** Runs every cleanup to the end; answers how many rows went. */
    public Pruned prune() {
        long tokens = inBatches("""
                DELETE FROM tokens WHERE token_id IN (
                    SELECT token_id FROM tokens
                    WHERE COALESCE(GREATEST(expires_at, refresh_token_expires_at), expires_at) < NOW() - ?::interval
                    LIMIT ? FOR UPDATE SKIP LOCKED)""", settings.tokensAfter().toString());
        long codes = inBatches("""
                DELETE FROM authorization_codes WHERE code IN (
                    SELECT code FROM authorization_codes WHERE created_at < NOW() - ?::interval
                    LIMIT ? FOR UPDATE SKIP LOCKED)""", settings.codesAfter().toString());
        // A device's request is over once it expired, whatever became of it (RFC 8628): its grant's tokens are rows
        // of their own, and its history stays in the ledger.
        long devices = inBatches("""
                DELETE FROM device_authorizations WHERE grant_id IN (
                    SELECT grant_id FROM device_authorizations WHERE expires_at < NOW() - ?::interval
                    LIMIT ? FOR UPDATE SKIP LOCKED)""", settings.codesAfter().toString());
        if (tokens + codes + devices > 0) {
            log.info("retention pruned {} token rows, {} authorization code rows and {} device request rows (events "
                     + "kept)", tokens, codes, devices);
        }
        return new Pruned(tokens, codes, devices);
    }

    private long inBatches(String delete, String age) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update(delete, age, settings.batchSize());
            total += deleted;
        } while (deleted == settings.batchSize());
        return total;
    }

    /** Rows pruned by one run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pruned(long tokens, long authorizationCodes, long deviceAuthorizations) {
    }
}
