package io.tokenledger.app.secret;

import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and checks secrets: tokens, codes and client secrets. Only their hashes are ever stored.
 *
 * <p>Server-generated values carry 256 random bits, so a single SHA-256 is as strong as any slow hash and
 * keeps the token endpoint fast. Operator-chosen secrets may be guessable, so they get bcrypt.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SHA256 = "sha256:";
    private static final String BCRYPT = "bcrypt:";

    private Secrets() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a server-generated secret: {@code sha256:<hex>}. */
    public static String sha256(String secret) {
        return SHA256 + HexFormat.of().formatHex(digest(secret));
    }

    /** The stored form of an operator-chosen secret. Pre-hashing lifts bcrypt's 72-byte input limit. */
    public static String bcrypt(String secret) {
        return BCRYPT + BCrypt.hashpw(sha256(secret), BCrypt.gensalt());
    }

    /** Compares in constant time for SHA-256 hashes; bcrypt is constant time by construction. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        if (storedHash.startsWith(SHA256)) {
            return MessageDigest.isEqual(sha256(presented).getBytes(StandardCharsets.US_ASCII),
                    storedHash.getBytes(StandardCharsets.US_ASCII));
        }
        if (storedHash.startsWith(BCRYPT)) {
            return BCrypt.checkpw(sha256(presented), storedHash.substring(BCRYPT.length()));
        }
        return false;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
