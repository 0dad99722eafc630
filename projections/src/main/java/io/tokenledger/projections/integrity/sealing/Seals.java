package io.tokenledger.projections.integrity.sealing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The arithmetic of seals. An event row's canonical bytes are its columns, each length-prefixed so no two rows
 * encode alike; its seal is HMAC-SHA256 of those bytes under one of the server's keys ({@link SealKeys}), the newest
 * for a new event. Events are sealed as they are appended, the seal and its key's id stored in the event's own row
 * ({@link SealingAppender}): the position is not known then, so it is not in the canonical bytes, and the chain binds
 * it instead. Events appended before migration V8 were sealed from the stored row, position included, in
 * {@code ledger_seal}.
 */
public final class Seals {

    /** Where a stored row's canonical bytes begin with its position, never negative, a seal at append has this. */
    private static final long AT_APPEND = -2;
    private static final int TAG_BYTES = 8;
    private static final byte[] LINK_KEY_LABEL = "token-ledger chain link key".getBytes(StandardCharsets.UTF_8);

    private final SealKeys keys;

    public Seals(SealKeys keys) {
        this.keys = keys;
    }

    /** The id of the key {@link #atAppend} seals with. */
    public String keyId() {
        return keys.newestId();
    }

    /** The seal of an event about to be appended, under the newest key. */
    public byte[] atAppend(EventRow event) {
        return mac(keys.newestKey(), canonical(AT_APPEND, event));
    }

    /** What the seal of a stored event must be, by the kind of seal it has; empty when its key is not held here. */
    public Optional<byte[]> expected(StoredEvent event) {
        long position = event.sealedAtAppend() ? AT_APPEND : event.position();
        return keys.key(event.sealKeyId()).map(key -> mac(key, canonical(position, event.row())));
    }

    /** The seal of a stored row that predates sealing, position included, under key 0 as V5 made them. */
    public byte[] ofStoredRow(StoredEvent event) {
        return expected(new StoredEvent(event.position(), event.row(), null, null, false)).orElseThrow(
                () -> new IllegalStateException("sealing events that predate V5 needs key 0 in LEDGER_SEAL_KEY"));
    }

    /** A MAC for the chain's links under the key with this id, derived from that seal key; empty when not held. */
    public Optional<Mac> linkMac(String keyId) {
        return keys.key(keyId).map(key -> hmac(mac(key, LINK_KEY_LABEL)));
    }

    /**
     * A key of 32 bytes for another purpose, named by {@code label}, derived from the seal key with this id (HMAC of
     * the label), so that it needs no setting of its own and is held exactly where the seal key is; empty when not
     * held here.
     */
    public Optional<byte[]> derivedKey(String keyId, String label) {
        return keys.key(keyId).map(key -> mac(key, label.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first bytes of a chain digest, which each link keeps; the last link of a row keeps all of it. */
    public static byte[] tag(byte[] digest) {
        return Arrays.copyOf(digest, TAG_BYTES);
    }

    /** SHA-256 of a stored event's canonical bytes, its position included: what the public chain binds. */
    public static byte[] contentHash(long position, EventRow event) {
        return sha256().digest(canonical(position, event));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] mac(byte[] key, byte[] message) {
        return hmac(key).doFinal(message);
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] canonical(long position, EventRow event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(position);
            text(out, event.eventIdentifier());
            text(out, event.aggregateIdentifier());
            out.writeLong(event.sequenceNumber());
            text(out, event.type());
            text(out, event.timeStamp());
            text(out, event.payloadType());
            text(out, event.payloadRevision());
            binary(out, event.payload());
            binary(out, event.metaData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void text(DataOutputStream out, String value) throws IOException {
        binary(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static void binary(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    /** The columns of an event row that a seal covers. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EventRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                           String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                           byte[] metaData) {
    }
}
