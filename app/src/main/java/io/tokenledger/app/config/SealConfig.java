package io.tokenledger.app.config;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.projections.ledger.Seals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Base64;

/**
 * The key that seals events. Configured ({@code LEDGER_SEAL_KEY}), it lives outside the database, so someone who
 * can write the database still cannot forge a seal. Unconfigured, one is generated once and kept in the database:
 * it still catches accidental and naive edits, and the server says so at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class SealConfig {

    private static final Logger log = LoggerFactory.getLogger(SealConfig.class);
    private static final int MIN_KEY_BYTES = 32;

    @Bean
    public Seals seals(LedgerProperties ledger, JdbcTemplate jdbc) {
        if (ledger.sealKey() != null && !ledger.sealKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(ledger.sealKey().trim());
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("LEDGER_SEAL_KEY must be at least 32 bytes, base64-encoded");
            }
            return new Seals(key);
        }
        log.warn("LEDGER_SEAL_KEY is not set: the events' seal key is kept in the database, so seals do not stand "
                + "against someone who can read it. Set LEDGER_SEAL_KEY (32+ random bytes, base64) in production.");
        jdbc.update("INSERT INTO ledger_settings (name, value) VALUES ('seal_key', ?) ON CONFLICT (name) DO NOTHING",
                Secrets.generate());
        String stored = jdbc.queryForObject("SELECT value FROM ledger_settings WHERE name = 'seal_key'", String.class);
        return new Seals(Base64.getUrlDecoder().decode(stored));
    }
}
