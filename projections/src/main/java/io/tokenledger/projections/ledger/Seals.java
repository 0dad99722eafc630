package io.tokenledger.projections.ledger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The arithmetic of tamper evidence. An event row's canonical bytes are its columns, each length-prefixed so no
 * two rows encode alike; its seal is HMAC-SHA256 of those bytes under the server's key; a chain digest is
 * SHA-256 of the previous digest and the seal.
 */
public final class Seals {

    public static final String EVENT_COLUMNS = """
            global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
            payload_revision, payload, meta_data""";
    private static final byte[] GENESIS = new byte[32];

    private final byte[] key;

    public Seals(byte[] key) {
        this.key = key.clone();
    }

    /** The seal of the event row the result set is on. */
    public byte[] seal(ResultSet row) throws SQLException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(canonical(row));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** The chain digest after {@code previous} (null at the start of the chain). */
    public static byte[] chain(byte[] previous, byte[] seal) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous == null ? GENESIS : previous);
            return sha256.digest(seal);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] canonical(ResultSet row) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(row.getLong("global_index"));
            text(out, row.getString("event_identifier"));
            text(out, row.getString("aggregate_identifier"));
            out.writeLong(row.getLong("sequence_number"));
            text(out, row.getString("type"));
            text(out, row.getString("time_stamp"));
            text(out, row.getString("payload_type"));
            text(out, row.getString("payload_revision"));
            binary(out, row.getBytes("payload"));
            binary(out, row.getBytes("meta_data"));
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
}
