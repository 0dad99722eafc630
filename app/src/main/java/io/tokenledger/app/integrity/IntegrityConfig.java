package io.tokenledger.app.integrity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.AnchorStore;
import io.tokenledger.projections.integrity.sealing.Anchorer;
import io.tokenledger.projections.integrity.sealing.DirectoryAnchorStore;
import io.tokenledger.projections.integrity.sealing.LedgerChainer;
import io.tokenledger.projections.integrity.sealing.LedgerIdentity;
import io.tokenledger.projections.integrity.sealing.SealKeys;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import io.tokenledger.projections.integrity.verification.LedgerExport;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Tamper evidence: the keys that seal events and link the chain (outside the database), the chain, the anchors of
 * its head (outside the database too), and verification. With the embedded default database and no key, one is
 * generated and kept in the database, with a warning; with a configured database the server refuses to start
 * without one unless told it is a development ledger.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfig {

    private static final Logger log = LoggerFactory.getLogger(IntegrityConfig.class);

    /** Created before the event processors start, so events that predate sealing are sealed before the chain runs. */
    @Bean
    public Seals seals(IntegrityProperties integrity, JdbcTemplate jdbc,
                       @Value("${spring.datasource.url:}") String configuredDatabase) {
        Seals seals = new Seals(keys(integrity, jdbc, !configuredDatabase.isBlank()));
        sealEventsThatPredateSealing(seals, jdbc);
        return seals;
    }

    @Bean
    public AnchorStore anchorStore(IntegrityProperties integrity) {
        return new DirectoryAnchorStore(integrity.anchorDir());
    }

    /** The public key is also written beside the anchors, so that a copy of the directory can be checked alone. */
    @Bean
    public AnchorSigner anchorSigner(IntegrityProperties integrity, AnchorStore anchors) throws IOException {
        AnchorSigner signer = AnchorSigner.loadOrCreate(integrity.anchorKeyFile());
        Path published = integrity.anchorDir().resolve("anchor-key-" + signer.keyId() + ".pem");
        if (!Files.exists(published)) {
            Files.writeString(published, signer.publicKeyPem());
        }
        log.info("anchors of the chain go to {}, signed by Ed25519 key {} (public key: {}, and GET /ledger/anchor-key)",
                integrity.anchorDir().toAbsolutePath(), signer.keyId(), published.toAbsolutePath());
        return signer;
    }

    @Bean
    public LedgerChainer ledgerChainer(JdbcTemplate jdbc, PlatformTransactionManager transactions, Seals seals,
                                       Clock clock, IntegrityProperties integrity) {
        return new LedgerChainer(jdbc, new TransactionTemplate(transactions), seals, clock,
                integrity.chainGapTimeout());
    }

    @Bean
    public Anchorer anchorer(AnchorStore store, AnchorSigner signer, Clock clock, IntegrityProperties integrity,
                             JdbcTemplate jdbc) {
        return new Anchorer(store, signer, clock, integrity.anchorEvery(), integrity.anchorInterval(),
                LedgerIdentity.of(jdbc));
    }

    /**
     * The newest anchor this node knows, for alerts: the chain moving on while no anchor follows means anchoring
     * fails. The node that links writes them; the others know the one they started with, so take the maximum.
     */
    @Bean
    public MeterBinder anchorGauges(Anchorer anchorer) {
        return registry -> {
            Gauge.builder("ledger.anchor.position", anchorer,
                          a -> a.newest().map(anchor -> (double) anchor.position()).orElse(Double.NaN))
                 .description("the chain position the newest anchor this node knows signs").register(registry);
            Gauge.builder("ledger.anchor.time", anchorer, a -> a.newest()
                          .map(anchor -> Instant.parse(anchor.anchoredAt()).toEpochMilli() / 1000.0)
                          .orElse(Double.NaN))
                 .description("when the newest anchor this node knows was signed, in seconds since the epoch")
                 .baseUnit("seconds").register(registry);
        };
    }

    @Bean
    public LedgerVerifier ledgerVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, Seals seals,
                                         AnchorStore anchors, AnchorSigner signer, Clock clock,
                                         IntegrityProperties integrity) {
        return new LedgerVerifier(jdbc, transactions, seals, anchors, signer, clock, integrity.chainStallAfter());
    }

    @Bean
    public LedgerExport ledgerExport(JdbcTemplate jdbc, PlatformTransactionManager transactions, AnchorStore anchors,
                                     AnchorSigner signer, Clock clock) {
        return new LedgerExport(jdbc, transactions, anchors, signer, clock);
    }

    private static SealKeys keys(IntegrityProperties integrity, JdbcTemplate jdbc, boolean configuredDatabase) {
        if (integrity.sealKey() != null && !integrity.sealKey().isBlank()) {
            return SealKeys.parse(integrity.sealKey());
        }
        if (configuredDatabase && !integrity.sealKeyInDatabase()) {
            throw new UnsafeSealKey();
        }
        log.warn("LEDGER_SEAL_KEY is not set: the events' seal key is kept in the database, so seals and links do not "
                + "stand against someone who can read it. Set LEDGER_SEAL_KEY (32+ random bytes, base64) in "
                + "production.");
        jdbc.update("INSERT INTO ledger_settings (name, value) VALUES ('seal_key', ?) ON CONFLICT (name) DO NOTHING",
                Secrets.generate());
        String stored = jdbc.queryForObject("SELECT value FROM ledger_settings WHERE name = 'seal_key'", String.class);
        return SealKeys.of(SealKeys.FIRST_ID, Base64.getUrlDecoder().decode(stored));
    }

    private static void sealEventsThatPredateSealing(Seals seals, JdbcTemplate jdbc) {
        List<String> before = jdbc.queryForList("SELECT value FROM ledger_settings WHERE name = 'unsealed_before'",
                String.class);
        if (before.isEmpty()) {
            return;
        }
        long[] sealed = {0};
        jdbc.query(StoredEvent.SELECT + " WHERE e.global_index < ? AND e.seal IS NULL AND s.mac IS NULL "
                + "ORDER BY e.global_index", row -> {
            StoredEvent event = StoredEvent.of(row);
            sealed[0] += jdbc.update("INSERT INTO ledger_seal (global_index, event_identifier, mac) VALUES (?, ?, ?) "
                    + "ON CONFLICT (global_index) DO NOTHING", event.position(), event.row().eventIdentifier(),
                    seals.ofStoredRow(event));
        }, Long.parseLong(before.get(0)));
        jdbc.update("DELETE FROM ledger_settings WHERE name = 'unsealed_before'");
        if (sealed[0] > 0) {
            log.info("sealed {} events that predate tamper evidence, as they stand now (trust on first use)",
                    sealed[0]);
        }
    }
}
