package io.tokenledger.projections.integrity.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.tokenledger.projections.integrity.sealing.Anchor;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.AnchorStore;
import io.tokenledger.projections.integrity.sealing.ChainRow;
import io.tokenledger.projections.integrity.sealing.LedgerIdentity;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Writes everything an auditor needs to verify the ledger without the server: every event row
 * ({@code events.ndjson}), every row of the chain ({@code chain.ndjson}), the statements of rows rewritten in place
 * ({@code rewrites.ndjson}, read before the walk), the anchors and the public key that signed them ({@code anchors/}),
 * and {@code ledger.json}. All of it from one snapshot of the database, a page at a time.
 */
public class LedgerExport {

    public static final String EVENTS = "events.ndjson";
    public static final String CHAIN = "chain.ndjson";
    /** The statements of rows rewritten in place, also among the events: a verifier reads them before the walk. */
    public static final String REWRITES = "rewrites.ndjson";
    public static final String MANIFEST = "ledger.json";
    public static final String ANCHORS = "anchors";
    public static final String ANCHOR_KEY = "anchor-key.pem";
    private static final int PAGE = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final AnchorStore anchors;
    private final AnchorSigner signer;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public LedgerExport(JdbcTemplate jdbc, PlatformTransactionManager transactions, AnchorStore anchors,
                        AnchorSigner signer, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = LedgerVerifier.snapshot(transactions);
        this.anchors = anchors;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * Exports into {@code directory}, which must be empty or absent. {@code progress} hears what is being written
     * ({@code events} or {@code chain rows}) and how many so far, after each page.
     */
    public ExportManifest export(Path directory, BiConsumer<String, Long> progress) {
        try {
            Files.createDirectories(directory.resolve(ANCHORS));
            try (var entries = Files.list(directory)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().equals(ANCHORS))) {
                    throw new IllegalArgumentException(directory + " is not empty");
                }
            }
            // Anchors first: each is written after the chain it signs has committed, so every one read now is
            // covered by the snapshot taken next. Read afterwards, an anchor of a link the snapshot missed made the
            // export look truncated.
            List<Anchor> anchored = anchors.all();
            ExportManifest manifest = snapshot.execute(tx -> write(directory, progress));
            for (Anchor anchor : anchored) {
                json.writeValue(directory.resolve(ANCHORS).resolve("anchor-%019d.json".formatted(anchor.position()))
                        .toFile(), anchor);
            }
            Files.writeString(directory.resolve(ANCHOR_KEY), signer.publicKeyPem());
            json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve(MANIFEST).toFile(), manifest);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + directory + ": " + e.getMessage(), e);
        }
    }

    private ExportManifest write(Path directory, BiConsumer<String, Long> progress) {
        long events = pages(directory.resolve(EVENTS), "events", progress, after -> jdbc.query(StoredEvent.SELECT
                + " WHERE e.global_index > ? ORDER BY e.global_index LIMIT " + PAGE, (rs, n) -> StoredEvent.of(rs),
                after), StoredEvent::position);
        long rows = pages(directory.resolve(CHAIN), "chain rows", progress, after -> jdbc.query("SELECT "
                + ChainRow.COLUMNS + " FROM ledger_chain WHERE last_position > ? ORDER BY last_position LIMIT "
                + PAGE / 100, (rs, n) -> ChainRow.of(rs), after), ChainRow::lastPosition);
        try (SequenceWriter out = writer(directory.resolve(REWRITES))) {
            out.writeAll(LedgerVerifier.rewriteStatements(jdbc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExportManifest(LedgerIdentity.of(jdbc),
                jdbc.queryForObject("SELECT ledger_position_bound()", Long.class), ProcessorPositions.of(jdbc),
                clock.instant().toString(), events, rows, signer.keyId());
    }

    private SequenceWriter writer(Path file) throws IOException {
        return json.writer().withRootValueSeparator("\n").writeValues(file.toFile());
    }

    private <T> long pages(Path file, String what, BiConsumer<String, Long> progress,
                           LongFunction<List<T>> page, ToLongFunction<T> position) {
        long written = 0;
        try (SequenceWriter out = writer(file)) {
            long after = 0;
            List<T> items;
            do {
                items = page.apply(after);
                out.writeAll(items);
                written += items.size();
                if (!items.isEmpty()) {
                    after = position.applyAsLong(items.get(items.size() - 1));
                    progress.accept(what, written);
                }
            } while (!items.isEmpty());
            out.flush();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
