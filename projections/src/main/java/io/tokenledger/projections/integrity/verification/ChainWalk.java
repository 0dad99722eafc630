package io.tokenledger.projections.integrity.verification;

import io.tokenledger.events.privacy.PersonalDataEncrypted;
import io.tokenledger.events.privacy.PersonalDataEncrypted.RowRewritten;
import io.tokenledger.projections.integrity.sealing.Anchor;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.ChainHead;
import io.tokenledger.projections.integrity.sealing.ChainLink;
import io.tokenledger.projections.integrity.sealing.ChainRow;
import io.tokenledger.projections.integrity.sealing.RewriteStatement;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;

import javax.crypto.Mac;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Walks the chain in position order beside the event rows it covers, carrying the previous digests, and keeps the
 * first problem it meets: what verification of the database and of an export have in common. With the seal keys it
 * checks every seal and keyed link; without them ({@code seals} null) only what anyone can: that the events hash to
 * the public digests the signed anchors carry. A row the ledger rewrote in place (its personal data encrypted after
 * the fact) is held to the signed statement of its rewriting: it must be exactly the row the statement says it became,
 * and the chain's link, made of the row before, is checked with the seal and content the statement says it had.
 */
public final class ChainWalk {

    private static final HexFormat HEX = HexFormat.of();

    private final Seals seals;
    private final Clock clock;
    private final Duration stallAfter;
    private final Map<String, Mac> macs = new HashMap<>();
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final Map<Long, RowRewritten> rewritten = new HashMap<>();
    private final TreeMap<Long, byte[]> statementsRead = new TreeMap<>();
    private ChainHead head = ChainHead.GENESIS;
    private byte[] digest = ChainLink.GENESIS;
    private byte[] open = ChainLink.GENESIS;
    private long length;
    private String problem;
    private Long problemPosition;
    private String detail;

    public ChainWalk(Seals seals, Clock clock, Duration stallAfter) {
        this.seals = seals;
        this.clock = clock;
        this.stallAfter = stallAfter;
    }

    /** The chain must pass through every anchor, each signed by {@code signer} for ledger {@code ledgerId}. */
    public void anchors(List<Anchor> anchors, String ledgerId, AnchorSigner signer) {
        for (Anchor anchor : anchors) {
            if (!ledgerId.equals(anchor.ledgerId())) {
                fail("ANCHOR_INVALID", anchor.position(), "the anchors belong to ledger " + anchor.ledgerId()
                        + ", this one is ledger " + ledgerId);
            } else if (!signer.verifies(anchor)) {
                fail("ANCHOR_INVALID", anchor.position(), "an anchor's signature does not verify");
            }
            checkpoints.put(anchor.position(), new Checkpoint(anchor.digest(), anchor.publicDigest(),
                    "the anchor of " + anchor.anchoredAt()));
        }
    }

    /**
     * Rows rewritten in place, by the stored statements of their rewriting (in position order), each of which must be
     * signed by {@code signer} for ledger {@code ledgerId} and name only rows before itself. A row rewritten twice
     * holds the first statement's before and the second's after.
     */
    public void rewrites(List<StoredEvent> statements, String ledgerId, AnchorSigner signer) {
        for (StoredEvent stored : statements) {
            Optional<PersonalDataEncrypted> statement = RewriteStatement.read(stored);
            if (statement.isEmpty() || !RewriteStatement.verifies(statement.get(), ledgerId, signer)) {
                fail("ALTERED", stored.position(), "a statement of rewritten rows is not as the anchor key signed it");
                return;
            }
            statementsRead.put(stored.position(), Seals.contentHash(stored.position(), stored.row()));
            for (RowRewritten row : statement.get().rows()) {
                RowRewritten first = rewritten.get(row.position());
                if (row.position() >= stored.position()
                    || first != null && !first.contentAfter().equalsIgnoreCase(row.contentBefore())) {
                    fail("ALTERED", stored.position(), "a statement of rewritten rows names a row after itself, or "
                            + "one as it was not");
                    return;
                }
                rewritten.put(row.position(), first == null ? row : new RowRewritten(row.position(),
                        first.sealBefore(), first.contentBefore(), row.contentAfter()));
            }
        }
    }

    /** Each statement read before the walk must have been met among the events, as it was read. */
    public void statementsFound() {
        if (!statementsRead.isEmpty()) {
            fail("DELETED", statementsRead.firstKey(), "a statement of rewritten rows is not among the events");
        }
    }

    /** The event at a statement's position must be the statement that was read. */
    private void statementMet(StoredEvent event) {
        byte[] read = statementsRead.remove(event.position());
        if (read != null && !Arrays.equals(read, Seals.contentHash(event.position(), event.row()))) {
            fail("ALTERED", event.position(), "the statement of rewritten rows here is not the one read before");
        }
    }

    /** The chain must still reach {@code position} with the keyed digest {@code digest} (hex) an auditor exported. */
    public void expect(long position, String digest) {
        checkpoints.merge(position, new Checkpoint(digest, null, "the exported head"), (anchored, exported) ->
                new Checkpoint(exported.digest, anchored.publicDigest, anchored.what + " and the exported head"));
    }

    public void row(ChainRow row, NavigableMap<Long, StoredEvent> events) {
        if (problem != null) {
            return;
        }
        if (row.firstPosition() != head.position() + 1) {
            fail("CHAIN_BROKEN", head.position() + 1, "the links of positions " + (head.position() + 1) + " to "
                    + (row.firstPosition() - 1) + " are missing");
            return;
        }
        Mac mac = seals == null ? null : macs.computeIfAbsent(row.keyId(), id -> seals.linkMac(id).orElse(null));
        if (seals != null && mac == null) {
            fail("CHAIN_BROKEN", row.firstPosition(), "linked under key " + row.keyId()
                    + ", which this verifier does not hold");
            return;
        }
        for (ChainRow.Span span : row.spans()) {
            if (problem == null) {
                span(span, events, mac, row.keyId());
            }
        }
        if (problem == null && !Arrays.equals(open, row.publicDigest())
            || problem == null && mac != null && !Arrays.equals(digest, row.digest())) {
            fail("CHAIN_BROKEN", row.lastPosition(), "the digest a row of links ends in does not follow");
        }
    }

    private void span(ChainRow.Span span, NavigableMap<Long, StoredEvent> events, Mac mac, String keyId) {
        Optional<ChainLink> link = switch (span.kind()) {
            case EMPTY -> empty(span, events);
            case UNSEALED -> fail("INSERTED", span.from(), "an unsealed row was here when the chain reached it");
            case EVENT -> event(events.get(span.from()), span.from());
        };
        if (link.isEmpty()) {
            return;
        }
        if (mac != null) {
            byte[] next = link.get().keyed(digest, mac);
            if (!Arrays.equals(Seals.tag(next), span.tag())) {
                fail("CHAIN_BROKEN", span.from(), span.kind() == ChainLink.Kind.EVENT
                        ? "the event here is not the one its link binds (moved, replaced, or the link rewritten)"
                        : "chain link does not follow from the one before");
                return;
            }
            digest = next;
        }
        open = link.get().open(open);
        length += span.kind() == ChainLink.Kind.EMPTY ? 0 : 1;
        head = ChainHead.of(span.to(), digest, open, keyId);
        checkpoint(span.to());
    }

    private Optional<ChainLink> empty(ChainRow.Span span, NavigableMap<Long, StoredEvent> events) {
        Long row = events.ceilingKey(span.from());
        return row != null && row <= span.to() ? fail("INSERTED", row, "a row is where the chain recorded no event")
                : Optional.of(ChainLink.empty(span.from(), span.to()));
    }

    private Optional<ChainLink> event(StoredEvent event, long position) {
        if (event == null) {
            return fail("DELETED", position, "chained event is missing from the event table");
        }
        if (!sealed(event)) {
            return Optional.empty();
        }
        statementMet(event);
        ChainLink link = event.link();
        RowRewritten rewrite = rewritten.get(position);
        if (rewrite == null) {
            return Optional.of(link);
        }
        if (!HEX.formatHex(link.content()).equalsIgnoreCase(rewrite.contentAfter())) {
            return fail("ALTERED", position, "the row is not the one the statement of its rewriting says it became");
        }
        try {
            return Optional.of(ChainLink.event(position, link.stream(), link.sequence(),
                    HEX.parseHex(rewrite.sealBefore()), HEX.parseHex(rewrite.contentBefore())));
        } catch (IllegalArgumentException e) {
            return fail("ALTERED", position, "the statement of the row's rewriting does not say what it was");
        }
    }

    /** Whether the event matches its seal (without the keys: whether it has one); names the problem when not. */
    boolean sealed(StoredEvent event) {
        if (event.seal() == null) {
            fail("INSERTED", event.position(), "event has no seal: it did not come through the ledger");
            return false;
        }
        if (seals == null) {
            return true;
        }
        Optional<byte[]> expected = seals.expected(event);
        if (expected.isEmpty()) {
            fail("ALTERED", event.position(), "sealed under key " + event.sealKeyId()
                    + ", which this verifier does not hold");
        } else if (!Arrays.equals(expected.get(), event.seal())) {
            fail("ALTERED", event.position(), "event row does not match its seal");
        }
        return problem == null;
    }

    /** An event after the chain's head: sealed, and not waiting longer than the chain may take. */
    public void unlinked(StoredEvent event) {
        if (problem == null && sealed(event)) {
            statementMet(event);
            waited(event.position(), event.row().timeStamp());
        }
    }

    public void waited(long position, String since) {
        if (clock != null && StoredEvent.appendedAt(since)
                                        .filter(at -> Duration.between(at, clock.instant()).compareTo(stallAfter) > 0)
                                        .isPresent()) {
            fail("STALLED", position, "the event has waited for the chain longer than " + stallAfter);
        }
    }

    /** A row above the highest position the ledger handed out. */
    public void beyondTheBound(long position) {
        fail("INSERTED", position, "a row above the highest position the ledger handed out");
    }

    /** A stream whose sequence numbers are not 0, 1, 2 ... ({@code position}: its first event). */
    public void sequenceGap(long position, String stream) {
        fail("SEQUENCE_GAP", position, "stream " + stream + " is missing sequence numbers");
    }

    /** A processor past the last event has met a row that is gone; the nearest such is named. */
    public void processors(Map<String, Long> positions, long lastPosition) {
        positions.entrySet().stream().filter(p -> p.getValue() > lastPosition).min(Map.Entry.comparingByValue())
                 .ifPresent(p -> fail("PROCESSOR_AHEAD", p.getValue(), "processor " + p.getKey()
                         + " stands past the last event: a row it processed is gone"));
    }

    private void checkpoint(long position) {
        Map.Entry<Long, Checkpoint> passed;
        while (problem == null && (passed = checkpoints.firstEntry()) != null && passed.getKey() <= position) {
            checkpoints.pollFirstEntry();
            Checkpoint expected = passed.getValue();
            if (passed.getKey() != position) {
                fail("CHAIN_BROKEN", passed.getKey(), "no link ends where " + expected.what + " does");
            } else if (differs(seals == null ? null : expected.digest, head.digest())
                       || differs(expected.publicDigest, head.publicDigest())) {
                fail("CHAIN_BROKEN", position, "the chain no longer has the digest of " + expected.what);
            }
        }
    }

    private static boolean differs(String expected, String actual) {
        return expected != null && !expected.equalsIgnoreCase(actual);
    }

    /** After the last row: a checkpoint the chain did not reach means it was cut short. */
    public void unreached() {
        Map.Entry<Long, Checkpoint> last = checkpoints.lastEntry();
        if (last != null) {
            fail("TRUNCATED", last.getKey(), "the chain ends at " + head.position() + ", before "
                    + last.getValue().what + " at " + last.getKey());
        }
    }

    public <T> Optional<T> fail(String status, Long at, String why) {
        if (problem == null) {
            problem = status;
            problemPosition = at;
            detail = why;
        }
        return Optional.empty();
    }

    public boolean failed() {
        return problem != null;
    }

    public ChainHead head() {
        return head;
    }

    public Verification result(long pending, Anchor anchor) {
        return new Verification(problem == null ? "OK" : problem, problemPosition, detail, length, head.position(),
                seals == null ? null : head.digest(), head.publicDigest(), pending, anchor);
    }

    private record Checkpoint(String digest, String publicDigest, String what) {
    }
}
