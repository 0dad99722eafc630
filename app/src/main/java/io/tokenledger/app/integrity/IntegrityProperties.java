package io.tokenledger.app.integrity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of tamper evidence ({@code LEDGER_*} environment variables).
 *
 * @param sealKey           {@code LEDGER_SEAL_KEY}: the keys that seal events and link the chain, {@code id:base64}
 *                          comma-separated, newest last (a bare base64 key is key {@code 0}); kept outside the database
 * @param sealKeyInDatabase development only: with a configured database and no seal key, generate one and keep it in
 *                          the database, where it protects against accidents but not against its writers
 * @param anchorDir         where signed anchors of the chain's head are written, outside the database
 * @param anchorKeyFile     the Ed25519 key pair (PEM) that signs anchors; made on first start when absent
 * @param anchorEvery       an anchor once the chain has moved on by this many positions ...
 * @param anchorInterval    ... or once this long has passed and it has moved at all
 * @param chainGapTimeout   how long a position stays empty, with later ones taken, before the chain links it as empty:
 *                          longer than the commit deadline of migration V7 (20 s)
 * @param chainPollInterval how often the chain looks for new events
 * @param chainStallAfter   an event not linked after this long makes verification say {@code STALLED}
 */
@ConfigurationProperties("ledger")
public record IntegrityProperties(String sealKey, boolean sealKeyInDatabase, Path anchorDir, Path anchorKeyFile,
                                  long anchorEvery, Duration anchorInterval, Duration chainGapTimeout,
                                  Duration chainPollInterval, Duration chainStallAfter) {

    public IntegrityProperties {
        if (chainStallAfter.compareTo(chainGapTimeout) <= 0) {
            throw new IllegalArgumentException("ledger.chain-stall-after must be longer than ledger.chain-gap-timeout ("
                    + chainGapTimeout + "): an event may wait that long behind an empty position");
        }
        if (anchorEvery < 1) {
            throw new IllegalArgumentException("ledger.anchor-every must be at least 1, was " + anchorEvery);
        }
    }
}
