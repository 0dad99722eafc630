package io.tokenledger.app.key;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.tokenledger.query.key.SigningKeyLookup;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

/**
 * Checks that a JWT was signed here: by a key {@code /oauth2/jwks} publishes (active, or retired within the overlap),
 * read from the ledger's table at most every few seconds, as {@link JwtSigner} reads the active one.
 */
@Component
public class PublishedKeys {

    private static final Duration CACHE = Duration.ofSeconds(5);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final LoadingCache<Boolean, JWKSet> published;

    public PublishedKeys(SigningKeyLookup keys, SigningKeyProperties signing) {
        this.published = Caffeine.newBuilder().expireAfterWrite(CACHE).build(ignored -> JWKSet.parse(
                keys.publishedJwkSet(signing.signingKeysPublishedAfterRetirement())));
    }

    /**
     * The claims of a JWT of this type signed by a published key, once the claims verifier accepts them; an exception
     * for anything else (malformed, another type, an unknown key, a bad signature).
     */
    public JWTClaimsSet verify(String jwt, JOSEObjectTypeVerifier<SecurityContext> type,
                               JWTClaimsSetVerifier<SecurityContext> claims)
            throws ParseException, BadJOSEException, JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(type);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                new ImmutableJWKSet<>(published.get(Boolean.TRUE))));
        processor.setJWTClaimsSetVerifier(claims);
        return processor.process(jwt, null);
    }
}
