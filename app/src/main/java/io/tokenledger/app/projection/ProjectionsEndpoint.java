package io.tokenledger.app.projection;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.projections.ledger.LedgerChainProjection;
import io.tokenledger.projections.ledger.LedgerSealProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Operators' view of the projections ({@code ledger:admin}): position, lag, state, and rebuilds. */
@RestController
public class ProjectionsEndpoint {

    private static final ErrorObject NOT_FOUND = new ErrorObject("invalid_request", "no such rebuildable projection", 404);
    private static final ErrorObject RUNNING = new ErrorObject("invalid_request", "a rebuild of it is running", 409);

    private final ProjectionCatalog catalog;
    private final ProjectionRebuilder rebuilder;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionsEndpoint(ProjectionCatalog catalog, ProjectionRebuilder rebuilder,
                               EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.catalog = catalog;
        this.rebuilder = rebuilder;
        this.processing = processing;
        this.jdbc = jdbc;
    }

    @GetMapping("/admin/projections")
    public List<ProjectionStatus> projections() {
        long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
        Map<String, RebuildProgress> rebuilds = rebuilder.progress();
        List<String> names = new ArrayList<>(catalog.all().stream().map(RebuildableProjection::name).toList());
        names.add(LedgerSealProjection.NAME);
        names.add(LedgerChainProjection.NAME);
        return names.stream().map(name -> status(name, head, rebuilds.get(name))).toList();
    }

    /** Starts a rebuild in the background and answers 202; follow it at {@code GET /admin/projections}. */
    @PostMapping("/admin/projections/{name}/rebuild")
    public ResponseEntity<RebuildProgress> rebuild(@PathVariable String name) {
        RebuildableProjection projection = catalog.named(name).orElseThrow(() -> new OAuth2Exception(NOT_FOUND));
        RebuildProgress current = rebuilder.progress().get(name);
        if (current != null && "running".equals(current.state())) {
            throw new OAuth2Exception(RUNNING);
        }
        background.submit(() -> rebuilder.rebuild(projection));
        return ResponseEntity.accepted().location(URI.create("/admin/projections")).build();
    }

    private ProjectionStatus status(String name, long head, RebuildProgress rebuild) {
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
