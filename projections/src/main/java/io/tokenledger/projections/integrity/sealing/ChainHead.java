package io.tokenledger.projections.integrity.sealing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.HexFormat;

/**
 * Where the chain ends: the last position it accounts for, the keyed digest of its last link (hex) and the public
 * one, and the id of the key that made it. Position 0 with genesis digests before the first link.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChainHead(long position, String digest, String publicDigest, String keyId) {

    public static final ChainHead GENESIS = of(0, ChainLink.GENESIS, ChainLink.GENESIS, null);

    public static ChainHead of(long position, byte[] digest, byte[] publicDigest, String keyId) {
        return new ChainHead(position, hex(digest), hex(publicDigest), keyId);
    }

    static ChainHead of(ChainRow row) {
        return of(row.lastPosition(), row.digest(), row.publicDigest(), row.keyId());
    }

    byte[] digestBytes() {
        return HexFormat.of().parseHex(digest);
    }

    byte[] publicDigestBytes() {
        return HexFormat.of().parseHex(publicDigest);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
