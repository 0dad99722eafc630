package io.tokenledger.app.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Health as a number, so that alerts see what {@code /actuator/health} says, {@code DEGRADED} included (which still
 * answers 200 to load balancers): 1 up, 0.5 degraded (serving; the proof or a processor needs a look), 0 down or out
 * of service, -1 unknown.
 */
@Component
public class HealthGauge implements MeterBinder {

    private static final Map<Status, Double> VALUES = Map.of(Status.UP, 1.0, ProcessorsHealth.DEGRADED, 0.5,
            Status.DOWN, 0.0, Status.OUT_OF_SERVICE, 0.0);

    private final ObjectProvider<HealthEndpoint> health;

    public HealthGauge(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.health.status", this, HealthGauge::value)
             .description("1 UP, 0.5 DEGRADED (serving; the proof or a processor needs a look), 0 DOWN, -1 UNKNOWN")
             .register(registry);
    }

    private double value() {
        HealthEndpoint endpoint = health.getIfAvailable();
        return endpoint == null ? -1 : VALUES.getOrDefault(endpoint.health().getStatus(), -1.0);
    }
}
