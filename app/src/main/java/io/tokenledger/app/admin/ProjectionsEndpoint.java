package io.tokenledger.app.admin;

import com.nimbusds.oauth2.sdk.ErrorObject;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.projection.ProjectionMonitor;
import io.tokenledger.app.projection.ProjectionStatus;
import io.tokenledger.app.projection.RebuildRequests;
import io.tokenledger.app.security.AdminActors;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.projections.rebuild.RebuildProgress;
import io.tokenledger.projections.rebuild.RebuildableProjection;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Operators' view of the projections ({@code ledger:admin}): position, lag, state, and rebuilds. */
@RestController
public class ProjectionsEndpoint {

    private static final ErrorObject RUNNING = new ErrorObject("invalid_request", "a rebuild of it is running", 409);

    private final ProjectionCatalog catalog;
    private final ProjectionRebuilder rebuilder;
    private final ProjectionMonitor monitor;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private final RebuildRequests requests;

    public ProjectionsEndpoint(ProjectionCatalog catalog, ProjectionRebuilder rebuilder, ProjectionMonitor monitor,
                               RebuildRequests requests) {
        this.catalog = catalog;
        this.rebuilder = rebuilder;
        this.monitor = monitor;
        this.requests = requests;
    }

    @GetMapping("/admin/projections")
    public List<ProjectionStatus> projections() {
        return monitor.statuses();
    }

    /** Starts a rebuild in the background and answers 202; follow it at {@code GET /admin/projections}. */
    @PostMapping("/admin/projections/{name}/rebuild")
    public ResponseEntity<RebuildProgress> rebuild(@PathVariable String name, Authentication caller) {
        RebuildableProjection projection = catalog.named(name).orElseThrow(() -> OAuth2Exception.notFound("no such rebuildable projection"));
        RebuildProgress current = rebuilder.progress().get(name);
        if (current != null && "running".equals(current.state())) {
            throw new OAuth2Exception(RUNNING);
        }
        requests.record(name, AdminActors.of(caller));
        background.submit(() -> rebuilder.rebuild(projection));
        return ResponseEntity.accepted().location(URI.create("/admin/projections")).build();
    }
}
