package io.tokenledger.app.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tokenledger.projections.ledger.LedgerChainProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where each projection stands: its position, its lag behind the event store's head, its state. Served at
 * {@code GET /admin/projections} and as the gauges {@code ledger.projection.position} and {@code ledger.projection.lag}.
 */
@Component
public class ProjectionMonitor implements MeterBinder {

    private final ProjectionCatalog catalog;
    private final ProjectionRebuilder rebuilder;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public ProjectionMonitor(ProjectionCatalog catalog, ProjectionRebuilder rebuilder,
                             EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.catalog = catalog;
        this.rebuilder = rebuilder;
        this.processing = processing;
        this.jdbc = jdbc;
    }

    public List<ProjectionStatus> statuses() {
        long head = head();
        return names().stream().map(name -> status(name, head)).toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : names()) {
            gauge(registry, "ledger.projection.position", name, ProjectionStatus::position);
            gauge(registry, "ledger.projection.lag", name, ProjectionStatus::lag);
        }
    }

    private void gauge(MeterRegistry registry, String metric, String name, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(metric, this, monitor -> value.applyAsDouble(monitor.status(name, monitor.head())))
             .tag("projection", name)
             .register(registry);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(catalog.all().stream().map(RebuildableProjection::name).toList());
        names.add(LedgerChainProjection.NAME);
        return names;
    }

    private long head() {
        return jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private ProjectionStatus status(String name, long head) {
        RebuildProgress rebuild = rebuilder.progress().get(name);
        EventProcessor processor = processing.eventProcessorByProcessingGroup(name).orElse(null);
        boolean streaming = processor instanceof StreamingEventProcessor;
        long position = streaming ? trackedPosition(name) : head;
        String state = rebuild != null && "running".equals(rebuild.state()) ? "rebuilding"
                : processor == null || !processor.isRunning() ? "stopped"
                : streaming && ((StreamingEventProcessor) processor).isError() ? "error" : "running";
        return new ProjectionStatus(name, streaming ? "streaming" : "subscribing", catalog.named(name).isPresent(),
                position, head, Math.max(0, head - position), state, rebuild);
    }

    /** The lowest position any segment has reached, from the shared token store. */
    private long trackedPosition(String name) {
        return jdbc.queryForObject("""
                SELECT COALESCE(min((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint), 0)
                FROM token_entry WHERE processor_name = ? AND token IS NOT NULL""", Long.class, name);
    }
}
