package io.tokenledger.app.privacy;

import io.tokenledger.events.PersonalFields;
import io.tokenledger.query.ledger.PersonalDataReveal;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A personal value in an event, encrypted under its person's key as {@code enc:v1:<key id>:<nonce and ciphertext,
 * base64url>}, the key id bound in as associated data. It stays a JSON string, so the stored event keeps its shape, and
 * seals and chain links cover the ciphertext: they verify with the key or without it.
 */
@Component
public class PersonalData implements PersonalDataReveal {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final PersonalDataKeys keys;

    public PersonalData(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** The value encrypted under this key; {@link #ERASED} when the key was destroyed. */
    static String encrypt(String keyId, Optional<SecretKey> key, String plaintext) {
        return key.map(k -> PersonalFields.ENCRYPTED + keyId + ":" + ENCODER.encodeToString(
                          Aead.seal(k, keyId, plaintext.getBytes(StandardCharsets.UTF_8))))
                  .orElse(ERASED);
    }

    @Override
    public String reveal(String stored) {
        if (stored == null || !stored.startsWith(PersonalFields.ENCRYPTED)) {
            return stored;
        }
        int separator = stored.lastIndexOf(':');
        int start = PersonalFields.ENCRYPTED.length();
        String keyId = stored.substring(start, Math.max(start, separator));
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
