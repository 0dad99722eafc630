package io.tokenledger.app.ledger;

import io.tokenledger.app.oauth2.OAuth2Exception;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * A verification of the whole ledger in the background, to follow as it walks: what {@code GET /ledger/verify}
 * answers at once, for a ledger large enough that an auditor wants to see it progress.
 */
@RestController
public class VerificationEndpoint {

    private final Verifications verifications;

    public VerificationEndpoint(Verifications verifications) {
        this.verifications = verifications;
    }

    /** Starts one: 202, and where to follow it. */
    @PostMapping("/ledger/verifications")
    public ResponseEntity<Verifications.Progress> start() {
        Verifications.Progress started = verifications.start();
        return ResponseEntity.accepted().location(URI.create("/ledger/verifications/" + started.id()))
                             .cacheControl(CacheControl.noStore()).body(started);
    }

    /** How far it has walked, and its result once done; 404 for one this node did not run within the hour. */
    @GetMapping("/ledger/verifications/{id}")
    public ResponseEntity<Verifications.Progress> progress(@PathVariable String id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(verifications.get(id)
                .orElseThrow(() -> OAuth2Exception.notFound("no such verification on this node")));
    }
}
