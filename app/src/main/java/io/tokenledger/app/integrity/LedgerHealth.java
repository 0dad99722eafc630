package io.tokenledger.app.integrity;

import io.tokenledger.app.projection.ProcessorsHealth;
import io.tokenledger.projections.integrity.sealing.LedgerChainer;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The ledger's proof as health sees it, without recomputing it ({@link LedgerVerifier#watch}): a row above the
 * positions handed out, a processor past the event table's head or the chain stalled make it {@code DEGRADED} (tokens
 * are still issued and checked), with the problem named. {@code GET /ledger/verify} recomputes everything; the
 * chain's linking failing on this node shows in {@code processors}, as a processor's would.
 */
@Component("ledger")
public class LedgerHealth extends AbstractHealthIndicator {

    private final LedgerVerifier verifier;
    private final LedgerChainer chainer;

    public LedgerHealth(LedgerVerifier verifier, LedgerChainer chainer) {
        this.verifier = verifier;
        this.chainer = chainer;
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
    }
}
