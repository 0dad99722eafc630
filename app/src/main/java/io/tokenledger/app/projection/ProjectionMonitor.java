package io.tokenledger.app.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.stream.KafkaEventPublisher;
import io.tokenledger.projections.integrity.sealing.LedgerChainer;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.projections.rebuild.RebuildProgress;
import io.tokenledger.projections.rebuild.RebuildableProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where each projection (and the event stream to Kafka) stands: its position, its lag behind the event store's head,
 * its state. Served at {@code GET /admin/projections} and as the gauges {@code ledger.projection.position} and
 * {@code ledger.projection.lag}.
 */
@Component
public class ProjectionMonitor implements MeterBinder {

    private final ProjectionCatalog catalog;
    private final ProjectionRebuilder rebuilder;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final LedgerChainer chainer;
    private final LedgerProperties ledger;

    public ProjectionMonitor(ProjectionCatalog catalog, ProjectionRebuilder rebuilder,
                             EventProcessingConfiguration processing, JdbcTemplate jdbc, LedgerChainer chainer,
                             LedgerProperties ledger) {
        this.catalog = catalog;
        this.rebuilder = rebuilder;
        this.processing = processing;
        this.jdbc = jdbc;
        this.chainer = chainer;
        this.ledger = ledger;
    }

    public List<ProjectionStatus> statuses() {
        long head = head();
        return names().stream().map(name -> status(name, head)).toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : names()) {
            gauge(registry, "ledger.projection.position", "the last ledger position the projection processed", name,
                    ProjectionStatus::position);
            gauge(registry, "ledger.projection.lag", "ledger positions the projection is behind the head", name,
                    ProjectionStatus::lag);
        }
    }

    private void gauge(MeterRegistry registry, String metric, String description, String name,
                       ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(metric, this, monitor -> value.applyAsDouble(monitor.status(name, monitor.head())))
             .description(description)
             .tag("projection", name)
             .register(registry);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(catalog.all().stream().map(RebuildableProjection::name).toList());
        names.add(LedgerChainer.NAME);
        // The outward stream to Kafka, where this node is configured for it: not rebuilt, but it lags like the rest.
        processing.eventProcessor(KafkaEventPublisher.NAME).ifPresent(stream -> names.add(KafkaEventPublisher.NAME));
        return names;
    }

    private long head() {
        return jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private ProjectionStatus status(String name, long head) {
        if (name.equals(LedgerChainer.NAME)) {
            long position = chainer.head().position();
            return new ProjectionStatus(name, "chain", false, position, head, head - position,
                    ledger.role().runsStreamingProjections() ? "running" : "stopped", null);
        }
        RebuildProgress rebuild = rebuilder.progress().get(name);
        EventProcessor processor = processing.eventProcessorByProcessingGroup(name).orElse(null);
        boolean streaming = processor instanceof StreamingEventProcessor;
        long position = streaming ? trackedPosition(name, head) : head;
        String state = rebuild != null && "running".equals(rebuild.state()) ? "rebuilding"
                : processor == null || !processor.isRunning() ? "stopped"
                : streaming && ((StreamingEventProcessor) processor).isError() ? "error" : "running";
        return new ProjectionStatus(name, streaming ? "streaming" : "subscribing", catalog.named(name).isPresent(),
                position, head, head - position, state, rebuild);
    }

    /**
     * The lowest position any segment has reached, from the shared token store; but where a segment stands past the
     * event table's head, the highest: a processor that met a row now gone shows a negative lag, which verification
     * names, never a clamped 0.
     */
    private long trackedPosition(String name, long head) {
        return jdbc.queryForObject("""
                SELECT CASE WHEN max(p) > ? THEN max(p) ELSE COALESCE(min(p), 0) END
                FROM (SELECT (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint AS p
                      FROM token_entry WHERE processor_name = ? AND token IS NOT NULL) t""", Long.class, head, name);
    }
}
