package io.tokenledger.app.metadata;

import io.tokenledger.app.key.SigningKeyProperties;
import io.tokenledger.query.key.SigningKeyLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * The JWK Set (RFC 7517 §5) of the keys that sign here: every active key and those retired within
 * {@code ledger.signing-keys-published-after-retirement}, public halves only, as the ledger recorded them.
 */
@RestController
public class JwksEndpoint {

    /** A relying party refreshes its copy this often, and at once when it meets an unknown kid. */
    private static final Duration CACHE = Duration.ofMinutes(5);

    private final SigningKeyLookup keys;
    private final SigningKeyProperties settings;

    public JwksEndpoint(SigningKeyLookup keys, SigningKeyProperties settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @GetMapping("/oauth2/jwks")
    public ResponseEntity<String> jwks() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                             .cacheControl(CacheControl.maxAge(CACHE).cachePublic())
                             .body(keys.publishedJwkSet(settings.signingKeysPublishedAfterRetirement()));
    }
}
