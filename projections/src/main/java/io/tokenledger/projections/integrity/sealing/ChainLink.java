package io.tokenledger.projections.integrity.sealing;

import javax.crypto.Mac;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;

/**
 * What one link of the chain says of the positions {@code from..to}: an event is there (its stream, sequence and
 * seal), an unsealed row was there when the chain reached it, or no event is in the range. Its keyed digest is
 * HMAC-SHA256 under the link key of the previous digest and all of that, so no one without the key can make or
 * remake a link; its public digest is SHA-256 of the previous public digest, the kind, the range and the hash of the
 * event's stored bytes, which anyone can recompute from an export and compare with a signed anchor.
 */
public record ChainLink(Kind kind, long from, long to, String stream, long sequence, byte[] seal, byte[] content) {

    /** The digest before the first link, keyed or public. */
    public static final byte[] GENESIS = new byte[32];

    public enum Kind {
        EVENT('E'), UNSEALED('U'), EMPTY('0');

        public final byte code;

        Kind(char code) {
            this.code = (byte) code;
        }

        public static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no link kind " + (char) code);
        }
    }

    public static ChainLink event(long position, String stream, long sequence, byte[] seal, byte[] content) {
        return new ChainLink(Kind.EVENT, position, position, stream, sequence, seal, content);
    }

    public static ChainLink unsealed(long position, String stream, long sequence, byte[] content) {
        return new ChainLink(Kind.UNSEALED, position, position, stream, sequence, null, content);
    }

    public static ChainLink empty(long from, long to) {
        return new ChainLink(Kind.EMPTY, from, to, null, 0, null, null);
    }

    /** The keyed digest after {@code previous}; the MAC is reset first and left for the next link. */
    public byte[] keyed(byte[] previous, Mac mac) {
        mac.reset();
        mac.update(previous);
        return mac.doFinal(encode(true));
    }

    /** The public digest after {@code previous}. */
    public byte[] open(byte[] previous) {
        MessageDigest sha256 = Seals.sha256();
        sha256.update(previous);
        return sha256.digest(encode(false));
    }

    private byte[] encode(boolean keyed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind.code);
            out.writeLong(from);
            out.writeLong(to);
            if (kind != Kind.EMPTY) {
                Seals.text(out, stream);
                out.writeLong(sequence);
                Seals.binary(out, keyed ? seal : content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
