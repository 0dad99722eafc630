package io.tokenledger.app.admin;

import io.tokenledger.app.key.KeyRotation;
import io.tokenledger.app.security.AdminActors;
import io.tokenledger.query.key.SigningKeyLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Signing-key administration, for callers holding a {@code ledger:admin} token. */
@RestController
public class KeysEndpoint {

    private final KeyRotation rotation;
    private final SigningKeyLookup keys;

    public KeysEndpoint(KeyRotation rotation, SigningKeyLookup keys) {
        this.rotation = rotation;
        this.keys = keys;
    }

    /** Every signing key, newest first, with when it was made, began and stopped signing: never a private half. */
    @GetMapping("/admin/keys")
    public ResponseEntity<List<SigningKeyLookup.SigningKey>> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(keys.all());
    }

    /** A new key signs from now on; the ones it replaces stay published for the overlap. */
    @PostMapping("/admin/keys/rotate")
    public ResponseEntity<KeyRotation.Rotated> rotate(Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(rotation.rotate(AdminActors.of(caller)));
    }
}
