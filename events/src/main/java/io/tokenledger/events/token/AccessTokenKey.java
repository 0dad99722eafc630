package io.tokenledger.events.token;

/**
 * What an access token is found by in the read tables: an opaque token by the SHA-256 of its value, a JWT (RFC 9068)
 * by its {@code jti}, once its signature is checked. The two cannot meet: no SHA-256 of a presented value begins
 * {@code jwt:}, so no string presented as an opaque token can find a JWT's row.
 */
public final class AccessTokenKey {

    private static final String JWT = "jwt:";

    private AccessTokenKey() {
    }

    /** The key of a recorded token: its hash, or its id when it is a JWT (no hash recorded). */
    public static String of(String tokenId, String accessTokenHash) {
        return accessTokenHash != null ? accessTokenHash : ofJwt(tokenId);
    }

    /** The key of a JWT access token whose signature was checked. */
    public static String ofJwt(String jti) {
        return JWT + jti;
    }
}
