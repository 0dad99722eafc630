package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.events.Actor;
import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.privacy.PersonalDataEncrypted;
import io.tokenledger.events.privacy.PersonalDataEncrypted.RowRewritten;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.LedgerIdentity;
import io.tokenledger.projections.integrity.sealing.RewriteStatement;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Encrypts the personal data of events written before the ledger encrypted it (issue 25's migration): each chained
 * row whose username, email, name, note or request context (a pushed request's login hint among it) is still plaintext
 * is rewritten in place, as {@link PersonalDataProtection} would have written it, and sealed again; each batch of rows, in the same transaction,
 * appends a {@link PersonalDataEncrypted} statement signed with the anchor key naming every row rewritten with its
 * seal and content hash before and after. The chain and the anchors are not touched: verification checks each
 * rewritten row against its statement and the chain's link with the row as it was. Rows are locked while rewritten and
 * a row already encrypted is left alone, so the command may be run again, or by two operators at once.
 */
@Component
public class PastEventsEncryption {

    private static final int BATCH = 500;
    private static final HexFormat HEX = HexFormat.of();
    private static final String PUSHED = AuthorizationRequestPushed.class.getName();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataProtection protection;
    private final PersonalDataKeys keys;
    private final Seals seals;
    private final AnchorSigner signer;
    private final EventGateway events;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public PastEventsEncryption(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                PersonalDataProtection protection, PersonalDataKeys keys, Seals seals,
                                AnchorSigner signer, EventGateway events, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.protection = protection;
        this.keys = keys;
        this.seals = seals;
        this.signer = signer;
        this.events = events;
        this.clock = clock;
    }

    /** What a run did: rows read, rows rewritten, statements appended, up to which position. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Encrypted(long eventsRead, long eventsRewritten, long statements, long throughPosition) {
    }

    /** Encrypts every chained row still holding plaintext; {@code progress} hears the position reached per batch. */
    public Encrypted encrypt(Actor actor, LongConsumer progress) {
        String ledgerId = LedgerIdentity.of(jdbc);
        long head = jdbc.queryForObject("SELECT coalesce(max(last_position), 0) FROM ledger_chain", Long.class);
        long after = 0;
        long read = 0;
        long rewritten = 0;
        long statements = 0;
        while (after < head) {
            long from = after;
            Batch batch = transactions.execute(tx -> batch(from, head, ledgerId, actor));
            if (batch.read() == 0) {
                break;
            }
            read += batch.read();
            rewritten += batch.rewritten();
            statements += batch.rewritten() > 0 ? 1 : 0;
            after = batch.lastPosition();
            progress.accept(after);
        }
        return new Encrypted(read, rewritten, statements, head);
    }

    private Batch batch(long after, long head, String ledgerId, Actor actor) {
        List<StoredEvent> rows = jdbc.query(StoredEvent.SELECT + " WHERE e.global_index > ? AND e.global_index <= ?"
                + " ORDER BY e.global_index LIMIT " + BATCH + " FOR UPDATE OF e", (rs, n) -> StoredEvent.of(rs),
                after, head);
        List<RowRewritten> rewritten = new ArrayList<>();
        for (StoredEvent row : rows) {
            encrypted(row).ifPresent(now -> rewritten.add(rewrite(row, now)));
        }
        if (!rewritten.isEmpty()) {
            events.publish(RewriteStatement.signed(new PersonalDataEncrypted(ledgerId, clock.instant(), actor,
                    rewritten, null, null), signer));
        }
        return new Batch(rows.size(), rewritten.size(), rows.isEmpty() ? after : rows.get(rows.size() - 1).position());
    }

    private RowRewritten rewrite(StoredEvent before, Seals.EventRow now) {
        if (!seals.expected(before).map(seal -> Arrays.equals(seal, before.seal())).orElse(false)) {
            throw new IllegalStateException("the event at position " + before.position() + " does not match its seal: "
                    + "run verify, and encrypt nothing until the ledger verifies");
        }
        byte[] seal = seals.atAppend(now);
        jdbc.update("UPDATE domain_event_entry SET payload = ?, meta_data = ?, seal = ?, seal_key_id = ? "
                + "WHERE global_index = ?", now.payload(), now.metaData(), seal, seals.keyId(), before.position());
        return new RowRewritten(before.position(), HEX.formatHex(before.seal()),
                HEX.formatHex(Seals.contentHash(before.position(), before.row())),
                HEX.formatHex(Seals.contentHash(before.position(), now)));
    }

    /** The row with its plaintext personal data encrypted; empty when it holds none (or is not a sealed event). */
    private Optional<Seals.EventRow> encrypted(StoredEvent event) {
        Seals.EventRow row = event.row();
        Optional<ObjectNode> payload = object(row.payload());
        Optional<ObjectNode> metaData = object(row.metaData());
        if (event.seal() == null || payload.isEmpty() || metaData.isEmpty()) {
            return Optional.empty();
        }
        boolean hintMoved = loginHintMoved(row.payloadType(), payload.get(), metaData.get());
        JsonNode owner = payload.get().path(PersonalFields.OWNER);
        List<String> personal = owner.isTextual() ? PersonalFields.of(row.payloadType()) : List.of();
        boolean inPayload = plaintextIn(payload.get(), personal);
        if (!inPayload && !plaintextIn(metaData.get(), RequestMetaData.PERSONAL)) {
            return Optional.empty();
        }
        PersonalDataProtection.Owner keyOwner = protection.owner(Optional.ofNullable(owner.textValue()),
                StoredEvent.appendedAt(row.timeStamp()).orElseGet(clock::instant));
        Optional<SecretKey> key = key(keyOwner);
        encrypt(payload.get(), personal, keyOwner, key);
        encrypt(metaData.get(), RequestMetaData.PERSONAL, keyOwner, key);
        return Optional.of(new Seals.EventRow(row.eventIdentifier(), row.aggregateIdentifier(), row.sequenceNumber(),
                row.type(), row.timeStamp(), row.payloadType(), row.payloadRevision(),
                inPayload || hintMoved ? bytes(payload.get()) : row.payload(), bytes(metaData.get())));
    }

    /** A pushed request's {@code login_hint} moved from its parameters to its request context, as now written. */
    private static boolean loginHintMoved(String payloadType, ObjectNode payload, ObjectNode metaData) {
        if (!PUSHED.equals(payloadType) || !(payload.path("parameters") instanceof ObjectNode parameters)
            || !parameters.path("login_hint").path(0).isTextual()) {
            return false;
        }
        metaData.put(RequestMetaData.LOGIN_HINT, parameters.remove("login_hint").path(0).asText());
        return true;
    }

    /** The owner's key; none for a day whose retention has passed, whose request context is due to be erased. */
    private Optional<SecretKey> key(PersonalDataProtection.Owner owner) {
        if (owner.destroyAfter() != null && owner.destroyAfter().isBefore(clock.instant())) {
            return Optional.empty();
        }
        TreeMap<String, Instant> wanted = new TreeMap<>();
        wanted.put(owner.keyId(), owner.destroyAfter());
        return keys.keysFor(wanted).get(owner.keyId());
    }

    private static boolean plaintextIn(JsonNode node, List<String> fields) {
        return fields.stream().map(node::path).anyMatch(PastEventsEncryption::plaintext);
    }

    private static boolean plaintext(JsonNode value) {
        return value.isTextual() && !value.asText().startsWith(PersonalFields.ENCRYPTED);
    }

    private static void encrypt(ObjectNode node, List<String> fields, PersonalDataProtection.Owner owner,
                                Optional<SecretKey> key) {
        for (String field : fields) {
            if (plaintext(node.path(field))) {
                node.put(field, PersonalData.encrypt(owner.keyId(), key, node.path(field).asText()));
            }
        }
    }

    private Optional<ObjectNode> object(byte[] bytes) {
        try {
            return bytes == null ? Optional.of(json.createObjectNode())
                    : Optional.of(json.readTree(bytes)).filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an event's JSON", e);
        }
    }

    private record Batch(int read, int rewritten, long lastPosition) {
    }
}
