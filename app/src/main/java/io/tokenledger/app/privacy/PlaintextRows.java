package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.user.UserErased;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An event row written before the ledger encrypted personal data, made as the ledger writes it now: its personal
 * components and request context encrypted under the key {@link PersonalDataProtection} would choose, a pushed
 * request's login hint moved to its request context. A value already encrypted under that key, or already
 * {@link PersonalFields#ERASED}, is left as it is. The key table must agree with the ledger: a person's key is destroyed
 * exactly when a sealed {@code UserErased} says so, a day's key only after its retention; anything else means the
 * table was altered (a key destroyed to erase history, or a tombstone removed to undo an erasure), and nothing is
 * encrypted until it is restored.
 */
@Component
class PlaintextRows {

    private static final String PUSHED = AuthorizationRequestPushed.class.getName();
    private static final String ERASED = UserErased.class.getName();

    private final PersonalDataProtection protection;
    private final PersonalDataKeys keys;
    private final JdbcTemplate jdbc;
    private final Seals seals;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    PlaintextRows(PersonalDataProtection protection, PersonalDataKeys keys, JdbcTemplate jdbc, Seals seals,
                  Clock clock) {
        this.protection = protection;
        this.keys = keys;
        this.jdbc = jdbc;
        this.seals = seals;
        this.clock = clock;
    }

    /**
     * What becomes of a row: {@code readable} unless its payload or metadata is not a JSON object, as every event's
     * is (it is then left alone); {@code rewritten}, the row as the ledger writes it now, empty when it already is.
     */
    record Examined(boolean readable, Optional<Seals.EventRow> rewritten) {

        static final Examined UNREADABLE = new Examined(false, Optional.empty());
        static final Examined AS_WRITTEN_NOW = new Examined(true, Optional.empty());
    }

    /** Whether the row matches its seal under a key held here. */
    boolean matchesItsSeal(StoredEvent event) {
        return event.seal() != null && seals.expected(event).map(seal -> Arrays.equals(seal, event.seal()))
                                            .orElse(false);
    }

    /** The row, read once, and as the ledger writes it now; an unsealed row is left alone. */
    Examined examine(StoredEvent event) {
        Seals.EventRow row = event.row();
        Optional<ObjectNode> payload = object(row.payload());
        Optional<ObjectNode> metaData = object(row.metaData());
        if (payload.isEmpty() || metaData.isEmpty()) {
            return Examined.UNREADABLE;
        }
        if (event.seal() == null) {
            return Examined.AS_WRITTEN_NOW;
        }
        boolean hintMoved = loginHintMoved(row.payloadType(), payload.get(), metaData.get());
        JsonNode person = payload.get().path(PersonalFields.OWNER);
        PersonalDataProtection.Owner owner = protection.owner(Optional.ofNullable(person.textValue()),
                StoredEvent.appendedAt(row.timeStamp()).orElseGet(clock::instant));
        List<String> personal = owner.isPerson() ? PersonalFields.of(row.payloadType()) : List.of();
        boolean inPayload = plaintextIn(payload.get(), personal, owner);
        if (!inPayload && !plaintextIn(metaData.get(), RequestMetaData.PERSONAL, owner)) {
            return Examined.AS_WRITTEN_NOW;
        }
        Optional<SecretKey> key = key(owner, person.textValue());
        encrypt(payload.get(), personal, owner, key);
        encrypt(metaData.get(), RequestMetaData.PERSONAL, owner, key);
        return new Examined(true, Optional.of(new Seals.EventRow(row.eventIdentifier(), row.aggregateIdentifier(),
                row.sequenceNumber(), row.type(), row.timeStamp(), row.payloadType(), row.payloadRevision(),
                inPayload || hintMoved ? bytes(payload.get()) : row.payload(), bytes(metaData.get()))));
    }

    /** The owner's key, when the key table agrees with the ledger; none for a day past its retention. */
    private Optional<SecretKey> key(PersonalDataProtection.Owner owner, String person) {
        boolean due = owner.isPerson() ? erasedInTheLedger(person)
                : owner.destroyAfter().isBefore(clock.instant());
        if (due && !owner.isPerson()) {
            return Optional.empty();
        }
        TreeMap<String, Instant> wanted = new TreeMap<>();
        wanted.put(owner.keyId(), owner.destroyAfter());
        Optional<SecretKey> key = keys.keysFor(wanted).get(owner.keyId());
        if (key.isEmpty() != due) {
            throw new IllegalStateException("the personal data key " + owner.keyId() + (due
                    ? " still exists, yet the ledger records the erasure of its person"
                    : " is destroyed or does not open, yet the ledger records no erasure due")
                    + ": the key table was altered; restore it from its backup, then encrypt");
        }
        return key;
    }

    private boolean erasedInTheLedger(String userId) {
        return jdbc.query(StoredEvent.SELECT + " WHERE e.aggregate_identifier = ? AND e.payload_type = ?",
                (rs, n) -> StoredEvent.of(rs), userId, ERASED).stream().anyMatch(this::matchesItsSeal);
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

    private static boolean plaintextIn(JsonNode node, List<String> fields, PersonalDataProtection.Owner owner) {
        return fields.stream().map(node::path).anyMatch(value -> plaintext(value, owner));
    }

    private static boolean plaintext(JsonNode value, PersonalDataProtection.Owner owner) {
        return value.isTextual() && !value.asText().equals(PersonalFields.ERASED)
               && !value.asText().startsWith(PersonalFields.ENCRYPTED + owner.keyId() + ":");
    }

    private static void encrypt(ObjectNode node, List<String> fields, PersonalDataProtection.Owner owner,
                                Optional<SecretKey> key) {
        for (String field : fields) {
            if (plaintext(node.path(field), owner)) {
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
}
