package io.tokenledger.command.grant;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * OpenID Connect Core §3.1.3.6's {@code at_hash} for the SHA-256 algorithms (RS256, ES256, the only ones keys are
 * made for): the base64url of the left half of the access token's SHA-256. The ledger records that SHA-256 as the
 * token's hash, so the claim is computed without the token ever reaching the aggregate.
 */
final class AtHash {

    private static final String SHA256 = "sha256:";
    private static final int HALF = 16;

    private AtHash() {
    }

    static String of(String accessTokenHash) {
        if (!accessTokenHash.startsWith(SHA256)) {
            throw new IllegalArgumentException("at_hash needs the access token's sha256: hash");
        }
        byte[] digest = HexFormat.of().parseHex(accessTokenHash.substring(SHA256.length()));
        byte[] left = Arrays.copyOf(digest, HALF);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(left);
    }
}
