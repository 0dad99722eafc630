package io.tokenledger.app.key;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.query.key.SigningKeyLookup;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs JWTs with the active signing key. Which key is active is read from the ledger's table at most every few
 * seconds; a node that learns of a rotation late signs with the key before, which {@code /oauth2/jwks} still
 * publishes. The private halves are read from {@link SigningKeyStore} once per key.
 */
@Component
public class JwtSigner {

    private static final Duration ACTIVE_KEY_CACHE = Duration.ofSeconds(5);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final SigningKeyStore store;
    private final LoadingCache<Boolean, Optional<String>> activeKid;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();

    public JwtSigner(SigningKeyLookup lookup, SigningKeyStore store) {
        this.store = store;
        this.activeKid = Caffeine.newBuilder().expireAfterWrite(ACTIVE_KEY_CACHE)
                                 .build(ignored -> lookup.signingKid());
    }

    /**
     * The kid of the key that signs now. A ledger with no active key, or a node without its private half (its
     * {@code LEDGER_SIGNING_KEYS_DIR} not shared with the node that made it), is refused with 503 before anything is
     * recorded, so no token is issued that cannot be signed.
     */
    public String activeKid() {
        String kid = activeKid.get(Boolean.TRUE).orElseThrow(() -> OAuth2Exception.unavailable(
                "no signing key is active yet; retry shortly", RETRY_AFTER));
        key(kid);
        return kid;
    }

    /** Forgets the active key, so that a rotation made on this node signs from its next token on. */
    public void rotated() {
        activeKid.invalidateAll();
    }

    public String sign(String kid, JOSEObjectType type, JWTClaimsSet claims) {
        Key key = key(kid);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(kid).type(type).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + kid, e);
        }
        return jwt.serialize();
    }

    private Key key(String kid) {
        return keys.computeIfAbsent(kid, this::load);
    }

    private Key load(String kid) {
        JWK jwk = store.privateKey(kid).orElseThrow(() -> OAuth2Exception.unavailable("this node does not hold the "
                + "private half of the active signing key; retry, or ask the operator to share "
                + "LEDGER_SIGNING_KEYS_DIR", RETRY_AFTER));
        try {
            return new Key(JWSAlgorithm.parse(jwk.getAlgorithm().getName()),
                    new DefaultJWSSignerFactory().createJWSSigner(jwk));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + kid + " cannot sign: " + e.getMessage(), e);
        }
    }

    private record Key(JWSAlgorithm algorithm, JWSSigner signer) {
    }
}
