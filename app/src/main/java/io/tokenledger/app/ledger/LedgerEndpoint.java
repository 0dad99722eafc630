package io.tokenledger.app.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.web.Page;
import io.tokenledger.events.consent.ConsentId;
import io.tokenledger.projections.integrity.sealing.Anchor;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.AnchorStore;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import io.tokenledger.query.ledger.AuditEntry;
import io.tokenledger.query.ledger.AuditFilter;
import io.tokenledger.query.ledger.AuditLogQuery;
import io.tokenledger.query.ledger.EventLedger;
import io.tokenledger.query.ledger.LedgerEvent;
import io.tokenledger.query.ledger.TokenAsOf;
import io.tokenledger.query.ledger.TokenTimeline;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The auditors' API ({@code ledger:audit}): histories, point-in-time state and the audit log. */
@RestController
public class LedgerEndpoint {

    private static final String NOT_FOUND = "nothing in the ledger has that id";
    private static final Set<String> STREAMS = Set.of("clients", "users", "grants", "sessions", "keys");
    private static final int MAX_LIMIT = 1000;
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final EventLedger ledger;
    private final TokenTimeline timeline;
    private final AuditLogQuery audit;
    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();
    private final Clock clock;
    private final LedgerVerifier verifier;
    private final AnchorStore anchors;
    private final AnchorSigner signer;
    private final Counter verifyFailures;

    public LedgerEndpoint(EventLedger ledger, TokenTimeline timeline, AuditLogQuery audit, ObjectMapper json,
                          Clock clock, LedgerVerifier verifier, AnchorStore anchors, AnchorSigner signer,
                          MeterRegistry registry) {
        this.verifyFailures = verifyFailures(registry);
        this.verifier = verifier;
        this.anchors = anchors;
        this.signer = signer;
        this.ledger = ledger;
        this.timeline = timeline;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Recomputes the seals and the chain, and compares it with every anchor. With {@code head_position} and
     * {@code head} (a head digest an auditor exported), it also proves that the history up to that head has not been
     * rewritten since.
     */
    @GetMapping("/ledger/verify")
    public ResponseEntity<Verification> verify(@RequestParam(name = "head_position", required = false) Long position,
                                               @RequestParam(required = false) String head) {
        if ((position == null) != (head == null)) {
            throw OAuth2Exception.invalidRequest("head_position and head are given together or not at all");
        }
        Verification result = verifier.verify(position, head);
        if (!result.ok()) {
            verifyFailures.increment();
        }
        return ResponseEntity.status(result.ok() ? 200 : 409).body(result);
    }

    /** Verifications, at once or in the background, that found the ledger changed. */
    static Counter verifyFailures(MeterRegistry registry) {
        return Counter.builder("ledger.verify.failures")
                      .description("verifications (GET /ledger/verify, POST /ledger/verifications) that found the "
                                   + "ledger changed")
                      .register(registry);
    }

    /** The anchors of the chain's head, oldest first, as signed. */
    @GetMapping("/ledger/anchors")
    public List<Anchor> anchors() {
        return anchors.all();
    }

    /** The public key that signs anchors (PEM), for anyone to check them with. */
    @GetMapping(value = "/ledger/anchor-key", produces = "application/x-pem-file")
    public String anchorKey() {
        return signer.publicKeyPem();
    }

    /** A token's events, oldest first: its own stream, or for a grant's token the grant's whole stream. */
    @GetMapping("/ledger/tokens/{tokenId}/history")
    public Page<LedgerEvent> tokenHistory(@PathVariable String tokenId, @RequestParam(required = false) Long after,
                                          @RequestParam(defaultValue = "100") int limit) {
        String stream = ledger.streamOfToken(tokenId).orElseThrow(() -> OAuth2Exception.notFound(NOT_FOUND));
        return history(stream, after, limit);
    }

    @GetMapping("/ledger/{kind}/{id}/history")
    public Page<LedgerEvent> history(@PathVariable String kind, @PathVariable String id,
                                     @RequestParam(required = false) Long after,
                                     @RequestParam(defaultValue = "100") int limit) {
        if (!STREAMS.contains(kind)) {
            throw OAuth2Exception.notFound(NOT_FOUND);
        }
        return history(id, after, limit);
    }

    /** A user's consent to a client: each grant, with the scopes it added, and each revocation. */
    @GetMapping("/ledger/users/{userId}/consents/{clientId}/history")
    public Page<LedgerEvent> consentHistory(@PathVariable String userId, @PathVariable String clientId,
                                            @RequestParam(required = false) Long after,
                                            @RequestParam(defaultValue = "100") int limit) {
        return history(ConsentId.of(userId, clientId), after, limit);
    }

    /** The token's state at an instant (now when omitted), folded from its events. */
    @GetMapping("/ledger/tokens/{tokenId}")
    public TokenAsOf tokenAsOf(@PathVariable String tokenId, @RequestParam(required = false) String asOf) {
        return timeline.asOf(tokenId, instant(asOf, "asOf")).orElseThrow(() -> OAuth2Exception.notFound(NOT_FOUND));
    }

    @GetMapping("/ledger/clients/{clientId}/tokens")
    public List<TokenAsOf> activeTokens(@PathVariable String clientId, @RequestParam(required = false) String activeAt,
                                        @RequestParam(defaultValue = "100") int limit) {
        return timeline.activeTokensOfClient(clientId, instant(activeAt, "activeAt"), limit(limit));
    }

    /** One page of the audit log, as JSON; {@code next} is the cursor for the following page. */
    @GetMapping("/ledger/audit")
    public Page<AuditEntry> audit(AuditParameters parameters) {
        int pageSize = limit(parameters.limit() == null ? 100 : parameters.limit());
        return Page.of(audit.page(filter(parameters), pageSize), pageSize, AuditEntry::position);
    }

    /**
     * The whole selection, streamed as it is read: one JSON object per line, or CSV with a header. Written on the
     * request's own thread, not as an asynchronous body: that would be cut off at the async timeout (Tomcat's 30 s),
     * which the export of a large ledger outlasts.
     */
    @GetMapping(value = "/ledger/audit", produces = {"application/x-ndjson", "text/csv"})
    public void export(AuditParameters parameters, @RequestHeader(HttpHeaders.ACCEPT) String accept,
                       HttpServletResponse response) throws IOException {
        AuditFilter filter = filter(parameters);
        boolean csvWanted = accept.contains(CSV.toString());
        response.setContentType((csvWanted ? CSV : NDJSON).toString());
        OutputStream out = response.getOutputStream();
        if (csvWanted) {
            csv(filter, out);
        } else {
            ndjson(filter, out);
        }
    }

    private AuditFilter filter(AuditParameters p) {
        return new AuditFilter(p.from() == null ? null : instant(p.from(), "from"),
                p.to() == null ? null : instant(p.to(), "to"), p.clientId(), p.userId(), p.tokenId(), p.eventType(),
                p.after() == null ? 0 : p.after());
    }

    /** {@code after} is the sequence number the previous page ended with; without it the stream starts at its first. */
    private Page<LedgerEvent> history(String stream, Long after, int limit) {
        int pageSize = limit(limit);
        List<LedgerEvent> events = ledger.stream(stream, after == null ? -1 : after, pageSize);
        if (events.isEmpty() && after == null) {
            throw OAuth2Exception.notFound(NOT_FOUND);
        }
        return Page.of(events, pageSize, LedgerEvent::sequence);
    }

    private void ndjson(AuditFilter filter, OutputStream out) throws IOException {
        audit.each(filter, entry -> write(() -> {
            out.write(json.writeValueAsBytes(entry));
            out.write('\n');
        }));
    }

    /** RFC 4180 CSV with a header row; the writer is Jackson's, so quoting is not hand-rolled. */
    private void csv(AuditFilter filter, OutputStream out) throws IOException {
        try (SequenceWriter rows = csv.writer(csv.schemaFor(AuditCsvRow.class).withHeader()).writeValues(out)) {
            audit.each(filter, entry -> write(() -> rows.write(AuditCsvRow.of(entry))));
        }
    }

    private Instant instant(String value, String name) {
        return InstantParameter.parse(value, name, clock);
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OAuth2Exception.invalidRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
