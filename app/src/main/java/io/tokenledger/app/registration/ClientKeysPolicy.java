package io.tokenledger.app.registration;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import io.tokenledger.app.oauth2.ClientKeySets;
import io.tokenledger.query.client.ClientRegistration;

import java.net.URI;
import java.text.ParseException;
import java.util.List;

/**
 * The keys a {@code private_key_jwt} client (RFC 7523, OpenID Connect Core §9) signs its assertions with: by reference
 * ({@code jwks_uri}, fetched when needed) or by value ({@code jwks}), never both (RFC 7591 §2), and only public keys
 * strong enough to trust: RSA of at least 2048 bits, or EC on a NIST curve.
 */
final class ClientKeysPolicy {

    private static final int MAX_KEYS = 10;

    private ClientKeysPolicy() {
    }

    /** Where a client's keys are, as registered; both null for a client that signs nothing. */
    record Keys(String jwksUri, String jwks) {
    }

    static Keys keys(ClientMetadata metadata, String method) {
        URI uri = metadata.getJWKSetURI();
        JWKSet set = metadata.getJWKSet();
        boolean signs = ClientRegistration.signsAssertions(method);
        if (uri != null && set != null) {
            throw ClientMetadataPolicy.invalid("jwks_uri and jwks cannot both be registered (RFC 7591 section 2)");
        }
        if (!signs && (uri != null || set != null)) {
            throw ClientMetadataPolicy.invalid("jwks_uri and jwks are registered only with private_key_jwt");
        }
        if (signs && uri == null && set == null) {
            throw ClientMetadataPolicy.invalid("private_key_jwt needs jwks_uri or jwks");
        }
        if (uri != null) {
            if (!ClientMetadataPolicy.acceptableRedirect(uri.toString())) {
                throw ClientMetadataPolicy.invalid(
                        "jwks_uri must be an absolute https URI (http only for loopback) without a fragment");
            }
            return new Keys(uri.toString(), null);
        }
        return set == null ? new Keys(null, null) : new Keys(null, publicKeys(set).toString(true));
    }

    private static JWKSet publicKeys(JWKSet set) {
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw ClientMetadataPolicy.invalid("jwks must hold between 1 and " + MAX_KEYS + " keys");
        }
        for (JWK key : keys) {
            if (key.isPrivate()) {
                throw ClientMetadataPolicy.invalid("jwks must hold public keys only; never send a private key");
            }
            if (key.getKeyUse() != null && key.getKeyUse() != KeyUse.SIGNATURE) {
                throw ClientMetadataPolicy.invalid("jwks keys must be for signing (use sig)");
            }
            if (!ClientKeySets.strong(key)) {
                throw ClientMetadataPolicy.invalid("jwks keys must be RSA of at least 2048 bits or EC on P-256, "
                                                   + "P-384 or P-521");
            }
        }
        return new JWKSet(keys).toPublicJWKSet();
    }

    /** Puts the keys back into the metadata a registration answers with. */
    static void describe(String jwksUri, String jwks, ClientMetadata metadata) {
        if (jwksUri != null) {
            metadata.setJWKSetURI(URI.create(jwksUri));
        }
        if (jwks != null) {
            try {
                metadata.setJWKSet(JWKSet.parse(jwks));
            } catch (ParseException e) {
                throw new IllegalStateException("the ledger holds a jwks it accepted as valid", e);
            }
        }
    }
}
