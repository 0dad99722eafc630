package io.tokenledger.projections.integrity.sealing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a signed anchor of the chain's head when it has moved on by {@code everyPositions} since the last anchor,
 * or when {@code interval} has passed since then and it has moved at all. Only heads already committed are
 * anchored, so an anchor never names a head the database does not have.
 */
public class Anchorer {

    private final AnchorStore store;
    private final AnchorSigner signer;
    private final Clock clock;
    private final long everyPositions;
    private final Duration interval;
    private final String ledgerId;
    private Anchor last;

    public Anchorer(AnchorStore store, AnchorSigner signer, Clock clock, long everyPositions, Duration interval,
                    String ledgerId) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
        this.everyPositions = everyPositions;
        this.interval = interval;
        this.ledgerId = ledgerId;
        this.last = store.newest().orElse(null);
    }

    /** The newest anchor this node knows: the store's at start, then each it writes. */
    public synchronized Optional<Anchor> newest() {
        return Optional.ofNullable(last);
    }

    /** Anchors {@code head} if it is due; answers the anchor written. */
    public synchronized Optional<Anchor> offer(ChainHead head) {
        Instant now = clock.instant();
        if (head.position() == 0 || last != null && (head.position() <= last.position()
                || head.position() - last.position() < everyPositions
                   && now.isBefore(Instant.parse(last.anchoredAt()).plus(interval)))) {
            return Optional.empty();
        }
        return Optional.of(anchor(head, now));
    }

    /** Anchors {@code head} now unless it is anchored already (at shutdown, say). */
    public synchronized Optional<Anchor> anchorNow(ChainHead head) {
        if (head.position() == 0 || last != null && head.position() <= last.position()) {
            return Optional.empty();
        }
        return Optional.of(anchor(head, clock.instant()));
    }

    private Anchor anchor(ChainHead head, Instant now) {
        Anchor anchor = signer.sign(Anchor.unsigned(ledgerId, head, now));
        store.append(anchor);
        last = anchor;
        return anchor;
    }
}
