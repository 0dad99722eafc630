package io.tokenledger.app.admin;

import io.tokenledger.app.key.KeyRotation;
import io.tokenledger.app.security.AdminActors;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signing-key administration, for callers holding a {@code ledger:admin} token. */
@RestController
public class KeysEndpoint {

    private final KeyRotation rotation;

    public KeysEndpoint(KeyRotation rotation) {
        this.rotation = rotation;
    }

    /** A new key signs from now on; the ones it replaces stay published for the overlap. */
    @PostMapping("/admin/keys/rotate")
    public ResponseEntity<KeyRotation.Rotated> rotate(Authentication caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(rotation.rotate(AdminActors.of(caller)));
    }
}
