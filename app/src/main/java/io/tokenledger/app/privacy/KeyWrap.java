package io.tokenledger.app.privacy;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Optional;

/** A person's key sealed under the wrapping key, bound to its id: a wrapped key copied to another id does not open. */
final class KeyWrap {

    private KeyWrap() {
    }

    static byte[] wrap(SecretKey wrapping, String keyId, SecretKey key) {
        return Aead.seal(wrapping, keyId, key.getEncoded());
    }

    /** Empty when it does not open: altered in the database, or moved there from another id. */
    static Optional<SecretKey> unwrap(SecretKey wrapping, String keyId, byte[] wrapped) {
        return Aead.open(wrapping, keyId, wrapped).map(key -> new SecretKeySpec(key, "AES"));
    }
}
