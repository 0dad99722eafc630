package io.tokenledger.app.privacy;

import io.tokenledger.query.ledger.PersonalDataReveal;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A personal value in an event, encrypted under its person's key as {@code enc:v1:<key id>:<nonce and ciphertext,
 * base64url>}, the key id bound in as associated data. It stays a JSON string, so the stored event keeps its shape, and
 * seals and chain links cover the ciphertext: they verify with the key or without it.
 */
@Component
public class PersonalData implements PersonalDataReveal {

    static final String PREFIX = "enc:v1:";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final PersonalDataKeys keys;

    public PersonalData(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** The value encrypted under the key of this id (made if need be); {@link #ERASED} when that key was destroyed. */
    public String encrypt(String keyId, Instant destroyAfter, String plaintext) {
        return keys.keyFor(keyId, destroyAfter)
                   .map(key -> PREFIX + keyId + ":" + ENCODER.encodeToString(
                           Aead.seal(key, keyId, plaintext.getBytes(StandardCharsets.UTF_8))))
                   .orElse(ERASED);
    }

    public static boolean encrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public String reveal(String stored) {
        if (!encrypted(stored)) {
            return stored;
        }
        int separator = stored.lastIndexOf(':');
        String keyId = stored.substring(PREFIX.length(), Math.max(PREFIX.length(), separator));
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(stored.substring(separator + 1));
        } catch (IllegalArgumentException e) {
            return ERASED;
        }
        return keys.find(keyId).flatMap(key -> Aead.open(key, keyId, sealed))
                   .map(plaintext -> new String(plaintext, StandardCharsets.UTF_8)).orElse(ERASED);
    }
}
