package io.tokenledger.app.integrity;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.projection.ProcessorsHealth;
import io.tokenledger.projections.ledger.LedgerChainer;
import io.tokenledger.projections.ledger.LedgerVerifier;
import io.tokenledger.projections.ledger.Verification;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * The ledger's proof as health sees it, without recomputing it ({@link LedgerVerifier#watch}): a row above the
 * positions handed out, a processor past the event table's head, the chain stalled, or linking and anchoring failing
 * on this node make it {@code DEGRADED} (tokens are still issued and checked), with the problem named.
 * {@code GET /ledger/verify} recomputes everything.
 */
@Component("ledger")
public class LedgerHealth extends AbstractHealthIndicator {

    private final LedgerVerifier verifier;
    private final LedgerChainer chainer;
    private final ChainLinking linking;
    private final LedgerProperties ledger;
    private final IntegrityProperties integrity;
    private final Clock clock;

    public LedgerHealth(LedgerVerifier verifier, LedgerChainer chainer, ChainLinking linking, LedgerProperties ledger,
                        IntegrityProperties integrity, Clock clock) {
        this.verifier = verifier;
        this.chainer = chainer;
        this.linking = linking;
        this.ledger = ledger;
        this.integrity = integrity;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up();
        Verification watch = verifier.watch(chainer.head());
        health.withDetail("chain_head", watch.headPosition());
        if (!watch.ok()) {
            health.status(ProcessorsHealth.DEGRADED).withDetail("problem", watch.status())
                  .withDetail("position", watch.position()).withDetail("detail", watch.detail());
        }
        Instant failed = linking.lastFailure();
        if (ledger.role().runsStreamingProjections() && failed != null
            && failed.isAfter(clock.instant().minus(integrity.chainStallAfter()))) {
            health.status(ProcessorsHealth.DEGRADED).withDetail("linking", "failing, last at " + failed);
        }
    }
}
