package io.tokenledger.app.oauth2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.tokenledger.app.fetch.FetchProperties;
import io.tokenledger.app.fetch.FetchRefused;
import io.tokenledger.app.fetch.RemoteDocuments;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The public keys a {@code private_key_jwt} client verifies with: those it registered by value, or those at its
 * {@code jwks_uri}, fetched under {@link RemoteDocuments}' limits and kept for {@code ledger.fetch.cache-ttl}. A key id
 * not among them fetches again (the client rotated its keys), at most once a second, so a stream of made-up key ids
 * cannot make this server hammer the client's host (and each of them is a failure the address throttle counts). A
 * fetch that failed is not tried again for ten seconds.
 */
@Component
public class ClientKeySets implements ClientCredentialsSelector<ClientRegistration> {

    private static final Duration REFETCH_AFTER = Duration.ofSeconds(1);
    private static final Duration RETRY_FAILED_AFTER = Duration.ofSeconds(10);
    private static final int MIN_RSA_BITS = 2048;
    private static final Set<Curve> NIST_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);
    private static final String JWK_SET_TYPE = "application/jwk-set+json, application/json";
    private final RemoteDocuments documents;
    private final Clock clock;
    private final Cache<String, Fetched> fetched;

    ClientKeySets(RemoteDocuments documents, FetchProperties settings, Clock clock) {
        this.documents = documents;
        this.clock = clock;
        this.fetched = Caffeine.newBuilder().expireAfterWrite(settings.cacheTtl()).maximumSize(10_000).build();
    }

    /** What a fetch of a {@code jwks_uri} gave: its keys, or why it failed; kept either way. */
    private record Fetched(JWKSet keys, KeysUnavailable failure, Instant at) {

        JWKSet keysOrThrow() throws KeysUnavailable {
            if (failure != null) {
                throw failure;
            }
            return keys;
        }
    }

    /** A client's keys could not be had; {@code reason} says why, for the ledger's security record. */
    static final class KeysUnavailable extends InvalidClientException {

        private final String reason;

        KeysUnavailable(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    @Override
    public List<Secret> selectClientSecrets(ClientID clientID, ClientAuthenticationMethod method,
                                            Context<ClientRegistration> context) throws InvalidClientException {
        throw InvalidClientException.NOT_REGISTERED_FOR_AUTH_METHOD;
    }

    @Override
    public List<? extends PublicKey> selectPublicKeys(ClientID clientID, ClientAuthenticationMethod method,
                                                     JWSHeader header, boolean forceRefresh,
                                                     Context<ClientRegistration> context)
            throws InvalidClientException {
        ClientRegistration client = context.get();
        if (client.jwks() != null) {
            return matching(parse(client.jwks()), header);
        }
        List<PublicKey> matching = matching(remote(client.jwksUri(), forceRefresh), header);
        // Nimbus asks again with forceRefresh only when a key matched and did not verify; a new key id matches none.
        return matching.isEmpty() && !forceRefresh ? matching(remote(client.jwksUri(), true), header) : matching;
    }

    /**
     * A key strong enough to trust a client's assertion to: RSA of at least 2048 bits, or EC on a NIST curve; the same
     * for keys registered by value and those at a {@code jwks_uri}.
     */
    public static boolean strong(JWK key) {
        return key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS
               || key instanceof ECKey ec && NIST_CURVES.contains(ec.getCurve());
    }

    private static List<PublicKey> matching(JWKSet keys, JWSHeader header) throws KeysUnavailable {
        List<PublicKey> matching = new ArrayList<>();
        for (JWK key : new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys)) {
            if (strong(key) && key instanceof AsymmetricJWK asymmetric) {
                matching.add(publicKey(asymmetric));
            }
        }
        return matching;
    }

    /**
     * One fetch per URI at a time (the others wait for its answer); a failure is kept for {@link #RETRY_FAILED_AFTER},
     * so requests naming a client whose {@code jwks_uri} is down or slow do not each hold a thread on it.
     */
    private JWKSet remote(String uri, boolean refresh) throws KeysUnavailable {
        Fetched known = fetched.get(uri, this::fetch);
        if (stale(known, refresh)) {
            known = fetched.asMap().compute(uri, (key, current) -> current == null || stale(current, refresh)
                    ? fetch(key) : current);
        }
        return known.keysOrThrow();
    }

    private boolean stale(Fetched known, boolean refresh) {
        Instant now = clock.instant();
        return known.failure() != null ? known.at().plus(RETRY_FAILED_AFTER).isBefore(now)
                : refresh && known.at().plus(REFETCH_AFTER).isBefore(now);
    }

    private Fetched fetch(String uri) {
        Instant now = clock.instant();
        try {
            String json = new String(documents.fetch(URI.create(uri), JWK_SET_TYPE), StandardCharsets.UTF_8);
            return new Fetched(parse(json).toPublicJWKSet(), null, now);
        } catch (FetchRefused e) {
            return new Fetched(null, new KeysUnavailable("jwks_uri_" + e.reason(), e.getMessage()), now);
        } catch (KeysUnavailable e) {
            return new Fetched(null, e, now);
        }
    }

    private static JWKSet parse(String json) throws KeysUnavailable {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new KeysUnavailable("jwks_unparsable", "the client's jwks is not a JWK set");
        }
    }

    private static PublicKey publicKey(AsymmetricJWK key) throws KeysUnavailable {
        try {
            return key.toPublicKey();
        } catch (JOSEException e) {
            throw new KeysUnavailable("jwks_unparsable", "a key of the client's jwks is not usable");
        }
    }
}
