package io.tokenledger.app.projection;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.projections.ProcessorFailures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * The streaming processors this node runs (by its role): {@code UP}, or {@code DEGRADED} (still HTTP 200: tokens
 * are issued and checked without them) while one has failed within the last {@code ledger.health.failure-window}
 * and keeps retrying, named in the details. The database's own indicator takes the node DOWN when it is unreachable.
 */
@Component("processors")
public class ProcessorsHealth extends AbstractHealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "an event processor is failing and retrying");

    private final ProcessorFailures failures;
    private final LedgerProperties ledger;
    private final Clock clock;
    private final Duration window;

    public ProcessorsHealth(ProcessorFailures failures, LedgerProperties ledger, Clock clock,
                            @Value("${ledger.health.failure-window:PT30S}") Duration window) {
        this.failures = failures;
        this.ledger = ledger;
        this.clock = clock;
        this.window = window;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up();
        if (!ledger.role().runsStreamingProjections()) {
            health.withDetail("streaming", "left to query nodes");
            return;
        }
        failures.since(clock.instant().minus(window)).forEach((group, at) -> {
            health.status(DEGRADED);
            health.withDetail(group, "failing, last at " + at);
        });
    }
}
