package io.tokenledger.projections.integrity.sealing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed checkpoint of the chain's head, kept outside the database: the chain of ledger {@code ledgerId} must
 * still reach {@code position} with these digests. {@code signature} is Ed25519 (base64), by the anchor key named
 * {@code signingKey}, over {@link #signedText()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Anchor(String ledgerId, long position, String digest, String publicDigest, String keyId,
                     String anchoredAt, String signingKey, String signature) {

    /** What the signature covers, one field a line, so that {@code openssl pkeyutl -verify -rawin} can check it. */
    public byte[] signedText() {
        return String.join("\n", "token-ledger anchor v1", ledgerId, String.valueOf(position), digest, publicDigest,
                keyId, anchoredAt, "").getBytes(StandardCharsets.UTF_8);
    }

    public static Anchor unsigned(String ledgerId, ChainHead head, Instant at) {
        return new Anchor(ledgerId, head.position(), head.digest(), head.publicDigest(), head.keyId(), at.toString(),
                null, null);
    }

    public Anchor signed(String signingKey, String signature) {
        return new Anchor(ledgerId, position, digest, publicDigest, keyId, anchoredAt, signingKey, signature);
    }
}
