package io.tokenledger.projections.ledger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The arithmetic of tamper evidence. An event row's canonical bytes are its columns, each length-prefixed so no
 * two rows encode alike; its seal is HMAC-SHA256 of those bytes under the server's key; a chain digest is
 * SHA-256 of the previous digest, the event's position (from V13 on) and the seal; each link stores the first 8 bytes
 * of its digest as its tag.
 * <p>
 * Events are sealed as they are appended, and the seal is stored in the event's own row ({@link SealingAppender}):
 * the position is not known then, so it is not in the canonical bytes, and the chain binds it instead. Events
 * appended before migration V8 were sealed from the stored row, position included, in {@code ledger_seal}.
 */
public final class Seals {

    public static final String EVENT_COLUMNS = """
            global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
            payload_revision, payload, meta_data, seal""";
    /** Where a stored row's canonical bytes begin with its position, never negative, a seal at append has this. */
    private static final long AT_APPEND = -2;
    private static final byte[] GENESIS = new byte[32];
    private static final int TAG_BYTES = 8;

    private final byte[] key;

    public Seals(byte[] key) {
        this.key = key.clone();
    }

    /** The seal of an event about to be appended. */
    public byte[] atAppend(EventRow event) {
        return mac(canonical(AT_APPEND, event));
    }

    /** The seal of the stored event row the result set is on, position included ({@code ledger_seal}). */
    public byte[] ofStoredRow(ResultSet row) throws SQLException {
        return mac(canonical(row.getLong("global_index"), EventRow.of(row)));
    }

    /** What the seal of the event row the result set is on must be, by the kind of seal it has. */
    public byte[] expected(ResultSet row) throws SQLException {
        return row.getBytes("seal") != null ? atAppend(EventRow.of(row)) : ofStoredRow(row);
    }

    /** The seal the event row carries, or else its {@code ledger_seal} one (selected as {@code table_seal}). */
    public static byte[] stored(ResultSet row) throws SQLException {
        byte[] inRow = row.getBytes("seal");
        return inRow != null ? inRow : row.getBytes("table_seal");
    }

    /** The first bytes of a chain digest, which each link keeps (V13); the last link of a row keeps all of it. */
    public static byte[] tag(byte[] digest) {
        return Arrays.copyOf(digest, TAG_BYTES);
    }

    /** The chain digest after {@code previous} (null at the start of the chain), as links before V13 were made. */
    public static byte[] chain(byte[] previous, byte[] seal) {
        return after(previous).digest(seal);
    }

    /** The chain digest after {@code previous} for the event at {@code position}, as links from V13 on are made. */
    public static byte[] chain(byte[] previous, long position, byte[] seal) {
        MessageDigest sha256 = after(previous);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
        return sha256.digest(seal);
    }

    /** SHA-256 that has taken in the previous digest, or the genesis one at the start of the chain. */
    private static MessageDigest after(byte[] previous) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous == null ? GENESIS : previous);
            return sha256;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private byte[] mac(byte[] canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(canonical);
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

    private static void text(DataOutputStream out, String value) throws IOException {
        binary(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    /** The columns of an event row that a seal covers. */
    public record EventRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                           String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                           byte[] metaData) {

        static EventRow of(ResultSet row) throws SQLException {
            return new EventRow(row.getString("event_identifier"), row.getString("aggregate_identifier"),
                    row.getLong("sequence_number"), row.getString("type"), row.getString("time_stamp"),
                    row.getString("payload_type"), row.getString("payload_revision"), row.getBytes("payload"),
                    row.getBytes("meta_data"));
        }
    }
}
