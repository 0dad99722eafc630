package io.tokenledger.projections.integrity.verification;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.projections.integrity.sealing.Anchor;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.ChainRow;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Verifies an export ({@link LedgerExport}) with no database and no server: the same walk as {@link LedgerVerifier}
 * over the exported rows, against the exported anchors checked with a public key the auditor trusts. Given the seal
 * keys it checks everything the server would; without them, that the events are exactly those the signed anchors
 * name, up to the newest anchor.
 */
public final class ExportVerifier {

    private static final long PROGRESS_EVERY = 100_000;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param seals   the seal keys, or null to check only what anyone can
     * @param trusted the anchor key the auditor trusts; null takes the one in the export (and proves less: whoever
     *                wrote the export could have signed its anchors)
     */
    public Verification verify(Path directory, Seals seals, AnchorSigner trusted, BiConsumer<String, Long> progress) {
        try {
            ExportManifest manifest = json.readValue(directory.resolve(LedgerExport.MANIFEST).toFile(),
                    ExportManifest.class);
            AnchorSigner signer = trusted != null ? trusted
                    : AnchorSigner.verifying(Files.readString(directory.resolve(LedgerExport.ANCHOR_KEY)));
            List<Anchor> anchors = anchors(directory.resolve(LedgerExport.ANCHORS));
            ChainWalk walk = new ChainWalk(seals, null, null);
            walk.anchors(anchors, manifest.ledgerId(), signer);
            walk.rewrites(rewriteStatements(directory.resolve(LedgerExport.REWRITES)), manifest.ledgerId(), signer);
            Streams streams = new Streams();
            long pending;
            try (MappingIterator<ChainRow> chain = json.readerFor(ChainRow.class)
                    .readValues(directory.resolve(LedgerExport.CHAIN).toFile());
                 Events events = new Events(directory.resolve(LedgerExport.EVENTS), streams, progress)) {
                while (chain.hasNextValue()) {
                    ChainRow row = chain.nextValue();
                    walk.row(row, events.upTo(row.lastPosition()));
                }
                walk.unreached();
                pending = events.rest(walk, manifest.positionBound());
            }
            walk.statementsFound();
            streams.check(walk);
            walk.processors(manifest.processors(), streams.lastPosition);
            return walk.result(pending, anchors.isEmpty() ? null : anchors.get(anchors.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The statements of rows rewritten in place; none in an export made before there were any. */
    private List<StoredEvent> rewriteStatements(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (MappingIterator<StoredEvent> rows = json.readerFor(StoredEvent.class).readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    private List<Anchor> anchors(Path directory) throws IOException {
        List<Anchor> anchors = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                anchors.add(json.readValue(file.toFile(), Anchor.class));
            }
        }
        return anchors;
    }

    /** The exported events, read once in position order. */
    private final class Events implements AutoCloseable {

        private final MappingIterator<StoredEvent> rows;
        private final Streams streams;
        private final BiConsumer<String, Long> progress;
        private StoredEvent next;
        private long read;

        Events(Path file, Streams streams, BiConsumer<String, Long> progress) throws IOException {
            this.rows = json.readerFor(StoredEvent.class).readValues(file.toFile());
            this.streams = streams;
            this.progress = progress;
            advance();
        }

        /** The events up to {@code position} not handed out yet, by position. */
        NavigableMap<Long, StoredEvent> upTo(long position) throws IOException {
            NavigableMap<Long, StoredEvent> events = new TreeMap<>();
            while (next != null && next.position() <= position) {
                events.put(next.position(), next);
                advance();
            }
            return events;
        }

        /** The events after the chain: each must be sealed and handed out by the ledger. Answers how many. */
        long rest(ChainWalk walk, long positionBound) throws IOException {
            long pending = 0;
            while (next != null) {
                if (next.position() > positionBound) {
                    walk.beyondTheBound(next.position());
                }
                walk.unlinked(next);
                pending++;
                advance();
            }
            return pending;
        }

        private void advance() throws IOException {
            next = rows.hasNextValue() ? rows.nextValue() : null;
            if (next != null) {
                streams.add(next);
                if (++read % PROGRESS_EVERY == 0) {
                    progress.accept("events", read);
                }
            }
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    /** Each stream's count and sequence numbers, to find one that is not 0, 1, 2 ... */
    private static final class Streams {

        private final Map<String, long[]> seen = new HashMap<>();
        private long lastPosition;

        void add(StoredEvent event) {
            long[] stream = seen.computeIfAbsent(event.row().aggregateIdentifier(),
                    id -> new long[]{0, Long.MAX_VALUE, Long.MIN_VALUE, event.position()});
            stream[0]++;
            stream[1] = Math.min(stream[1], event.row().sequenceNumber());
            stream[2] = Math.max(stream[2], event.row().sequenceNumber());
            lastPosition = Math.max(lastPosition, event.position());
        }

        void check(ChainWalk walk) {
            seen.entrySet().stream()
                .filter(s -> s.getValue()[1] != 0 || s.getValue()[2] + 1 != s.getValue()[0])
                .min(Comparator.comparingLong(s -> s.getValue()[3]))
                .ifPresent(s -> walk.sequenceGap(s.getValue()[3], s.getKey()));
        }
    }
}
