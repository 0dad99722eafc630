package io.tokenledger.command;

/** Guards the promise that no command or event ever carries a plaintext secret. */
public final class Hashes {

    private Hashes() {
    }

    /** Accepts only a slow, salted hash ({@code bcrypt:…}), as passwords need. */
    public static void requireSlow(String value, String name) {
        if (value == null || !value.startsWith("bcrypt:$2")) {
            throw new IllegalArgumentException(name + " must be a bcrypt: hash, never a password or a fast hash");
        }
    }

    /**
     * An access token is an opaque value, whose hash is recorded, or a JWT (RFC 9068) signed by a key after it is
     * recorded, whose value no one has yet: exactly one of the two.
     */
    public static void requireAccessToken(String accessTokenHash, String keyId) {
        if (keyId == null) {
            require(accessTokenHash, "accessTokenHash");
        } else if (accessTokenHash != null || keyId.isBlank()) {
            throw new IllegalArgumentException("a JWT access token has a key id and no hash");
        }
    }

    /**
     * Accepts only {@code hmac-sha256:<64 hex>}: a keyed hash, for values too short to hide behind a plain one (a
     * device's user code has some 34 bits).
     */
    public static void requireKeyed(String value, String name) {
        if (value == null || !value.matches("hmac-sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + " must be an hmac-sha256: hash, never the value itself");
        }
    }

    /** Accepts {@code sha256:<64 hex>} (server-generated secrets) or {@code bcrypt:<hash>} (operator-chosen ones). */
    public static void require(String value, String name) {
        boolean sha256 = value != null && value.matches("sha256:[0-9a-f]{64}");
        boolean bcrypt = value != null && value.startsWith("bcrypt:$2");
        if (!sha256 && !bcrypt) {
            throw new IllegalArgumentException(name + " must be a sha256: or bcrypt: hash, never a secret");
        }
    }
}
