package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.events.Actor;
import io.tokenledger.events.privacy.PersonalDataEncrypted;
import io.tokenledger.events.privacy.PersonalDataEncrypted.RowRewritten;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.LedgerIdentity;
import io.tokenledger.projections.integrity.sealing.RewriteStatement;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Encrypts the personal data of events written before the ledger encrypted it (issue 25's migration). First the whole
 * ledger is verified: nothing is rewritten in a ledger that does not verify, and only what the verification walked is
 * rewritten. Then each row still holding plaintext ({@link PlaintextRows}) is rewritten in place and sealed again,
 * and each batch, in the same transaction, appends a {@link PersonalDataEncrypted} statement signed with the anchor key,
 * naming every row rewritten with its seal and content hash before and after. The chain and the anchors are not
 * touched: verification holds each rewritten row to its statement and checks the chain's link with the row as it was.
 * A row another run holds is skipped (that run rewrites it), and a row already encrypted is left alone, so the command
 * may be stopped and run again.
 */
@Component
public class PastEventsEncryption {

    private static final int BATCH = 500;
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PlaintextRows plaintext;
    private final LedgerVerifier verifier;
    private final Seals seals;
    private final AnchorSigner signer;
    private final EventGateway events;
    private final Clock clock;

    public PastEventsEncryption(JdbcTemplate jdbc, PlatformTransactionManager transactions, PlaintextRows plaintext,
                                LedgerVerifier verifier, Seals seals, AnchorSigner signer, EventGateway events,
                                Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.plaintext = plaintext;
        this.verifier = verifier;
        this.seals = seals;
        this.signer = signer;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a run did: rows read, rewritten, left alone for not being JSON objects, statements appended, through which
     * position.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Encrypted(long eventsRead, long eventsRewritten, long eventsUnreadable, long statements,
                            long throughPosition) {
    }

    /** Refused when the ledger does not verify: it names the first problem. */
    public static final class NotVerified extends RuntimeException {

        NotVerified(Verification verification) {
            super("the ledger does not verify (" + verification.status() + " at position " + verification.position()
                  + ": " + verification.detail() + "); nothing was encrypted");
        }
    }

    /**
     * Verifies, then encrypts every row the verification walked that still holds plaintext; {@code progress} hears
     * the phase ({@code verified}, {@code encrypted}) and the position it has reached.
     */
    public Encrypted encrypt(Actor actor, BiConsumer<String, Long> progress) {
        Verification verified = verifier.verify(null, null, position -> progress.accept("verified", position));
        if (!verified.ok()) {
            throw new NotVerified(verified);
        }
        String ledgerId = LedgerIdentity.of(jdbc);
        long head = verified.headPosition() == null ? 0 : verified.headPosition();
        Batch total = new Batch(0, 0, 0, 0, 0);
        while (total.lastPosition() < head) {
            long after = total.lastPosition();
            Batch batch = transactions.execute(tx -> batch(after, head, ledgerId, actor));
            if (batch.read() == 0) {
                break;
            }
            total = total.and(batch);
            progress.accept("encrypted", total.lastPosition());
        }
        return new Encrypted(total.read(), total.rewritten(), total.unreadable(), total.statements(), head);
    }

    private Batch batch(long after, long head, String ledgerId, Actor actor) {
        List<StoredEvent> rows = jdbc.query(StoredEvent.SELECT + " WHERE e.global_index > ? AND e.global_index <= ?"
                + " ORDER BY e.global_index LIMIT " + BATCH + " FOR UPDATE OF e SKIP LOCKED",
                (rs, n) -> StoredEvent.of(rs), after, head);
        List<RowRewritten> rewritten = new ArrayList<>();
        long unreadable = 0;
        for (StoredEvent row : rows) {
            PlaintextRows.Examined examined = plaintext.examine(row);
            unreadable += examined.readable() ? 0 : 1;
            examined.rewritten().ifPresent(now -> rewritten.add(rewrite(row, now)));
        }
        if (!rewritten.isEmpty()) {
            events.publish(RewriteStatement.signed(new PersonalDataEncrypted(ledgerId, clock.instant(), actor,
                    rewritten, null, null), signer));
        }
        return new Batch(rows.size(), rewritten.size(), unreadable, rewritten.isEmpty() ? 0 : 1,
                rows.isEmpty() ? after : rows.get(rows.size() - 1).position());
    }

    private RowRewritten rewrite(StoredEvent before, Seals.EventRow now) {
        if (!plaintext.matchesItsSeal(before)) {
            throw new IllegalStateException("the event at position " + before.position() + " no longer matches its "
                    + "seal: nothing in its batch was encrypted; run verify");
        }
        jdbc.update("UPDATE domain_event_entry SET payload = ?, meta_data = ?, seal = ?, seal_key_id = ? "
                + "WHERE global_index = ?", now.payload(), now.metaData(), seals.atAppend(now), seals.keyId(),
                before.position());
        return new RowRewritten(before.position(), HEX.formatHex(before.seal()),
                HEX.formatHex(Seals.contentHash(before.position(), before.row())),
                HEX.formatHex(Seals.contentHash(before.position(), now)));
    }

    private record Batch(long read, long rewritten, long unreadable, long statements, long lastPosition) {

        Batch and(Batch next) {
            return new Batch(read + next.read, rewritten + next.rewritten, unreadable + next.unreadable,
                    statements + next.statements, next.lastPosition);
        }
    }
}
