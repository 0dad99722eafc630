package io.tokenledger.app.config;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.projections.ledger.Seals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Base64;
import java.util.List;

/**
 * The key that seals events. Configured ({@code LEDGER_SEAL_KEY}), it lives outside the database, so someone who
 * can write the database still cannot forge a seal. Unconfigured, one is generated once and kept in the database:
 * it still catches accidental and naive edits, and the server says so at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class SealConfig {

    private static final Logger log = LoggerFactory.getLogger(SealConfig.class);
    private static final int MIN_KEY_BYTES = 32;

    /** Created before the event processors start, so events that predate sealing are sealed before the chain runs. */
    @Bean
    public Seals seals(LedgerProperties ledger, JdbcTemplate jdbc) {
        Seals seals = new Seals(key(ledger, jdbc));
        sealEventsThatPredateSealing(seals, jdbc);
        return seals;
    }

    private static void sealEventsThatPredateSealing(Seals seals, JdbcTemplate jdbc) {
        List<String> before = jdbc.queryForList("SELECT value FROM ledger_settings WHERE name = 'unsealed_before'",
                String.class);
        if (before.isEmpty()) {
            return;
        }
        long[] sealed = {0};
        jdbc.query("SELECT " + Seals.EVENT_COLUMNS + " FROM domain_event_entry e "
                + "WHERE global_index < ? AND NOT EXISTS (SELECT 1 FROM ledger_seal s "
                + "WHERE s.global_index = e.global_index) ORDER BY global_index", row -> {
            sealed[0] += jdbc.update("INSERT INTO ledger_seal (global_index, event_identifier, mac) VALUES (?, ?, ?) "
                    + "ON CONFLICT (global_index) DO NOTHING", row.getLong("global_index"),
                    row.getString("event_identifier"), seals.ofStoredRow(row));
        }, Long.parseLong(before.get(0)));
        jdbc.update("DELETE FROM ledger_settings WHERE name = 'unsealed_before'");
        if (sealed[0] > 0) {
            log.info("sealed {} events that predate tamper evidence, as they stand now (trust on first use)", sealed[0]);
        }
    }

    private static byte[] key(LedgerProperties ledger, JdbcTemplate jdbc) {
        if (ledger.sealKey() != null && !ledger.sealKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(ledger.sealKey().trim());
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("LEDGER_SEAL_KEY must be at least 32 bytes, base64-encoded");
            }
            return key;
        }
        log.warn("LEDGER_SEAL_KEY is not set: the events' seal key is kept in the database, so seals do not stand "
                + "against someone who can read it. Set LEDGER_SEAL_KEY (32+ random bytes, base64) in production.");
        jdbc.update("INSERT INTO ledger_settings (name, value) VALUES ('seal_key', ?) ON CONFLICT (name) DO NOTHING",
                Secrets.generate());
        String stored = jdbc.queryForObject("SELECT value FROM ledger_settings WHERE name = 'seal_key'", String.class);
        return Base64.getUrlDecoder().decode(stored);
    }
}
