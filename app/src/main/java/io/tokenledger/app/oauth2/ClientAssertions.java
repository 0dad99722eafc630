package io.tokenledger.app.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.Hint;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.auth.verifier.JWTAudienceCheck;
import com.nimbusds.oauth2.sdk.id.Audience;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Verifies a {@code private_key_jwt} client assertion (RFC 7523 §3, OpenID Connect Core §9) with Nimbus's verifier:
 * signed by one of the client's keys, {@code iss} and {@code sub} the client, not expired, and addressed to this
 * server's issuer identifier alone (a single-valued {@code aud}, as RFC 7523bis and the 2025 OpenID errata require
 * since an assertion addressed to an endpoint URL could be replayed by a server posing as this one). Beyond that an
 * assertion must carry a {@code jti}, live at most {@link #MAX_LIFETIME} and be used once: the used ones are kept in
 * PostgreSQL until they expire, so a replay is refused by whichever node it reaches.
 */
@Component
class ClientAssertions {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** Nimbus's verifier accepts an {@code exp} this far in the past (its default clock skew). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private final ClientKeySets keys;
    private final IssuerResolver issuer;
    private final SingleUse used;
    private final Clock clock;

    ClientAssertions(ClientKeySets keys, IssuerResolver issuer, SingleUse used, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.used = used;
        this.clock = clock;
    }

    /** Why the assertion does not authenticate the client, for the ledger's security record; null when it does. */
    String refusal(PrivateKeyJWT assertion, ClientRegistration client) {
        ClientAuthenticationVerifier<ClientRegistration> verifier = new ClientAuthenticationVerifier<>(keys,
                Set.of(new Audience(issuer.issuer())), JWTAudienceCheck.STRICT);
        Context<ClientRegistration> context = new Context<>();
        context.set(client);
        try {
            // The hint lets Nimbus ask for the keys again, fetched anew, when none of those known verifies.
            verifier.verify(assertion, client.jwksUri() == null ? null : Set.of(Hint.CLIENT_HAS_REMOTE_JWK_SET),
                    context);
        } catch (ClientKeySets.KeysUnavailable e) {
            return e.reason();
        } catch (InvalidClientException | JOSEException e) {
            return "bad_assertion";
        }
        JWTAuthenticationClaimsSet claims = assertion.getJWTAuthenticationClaimsSet();
        if (claims.getJWTID() == null || claims.getJWTID().getValue().length() > SingleUse.MAX_JTI) {
            return "assertion_without_jti";
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (expires.isAfter(clock.instant().plus(MAX_LIFETIME))) {
            return "assertion_lives_too_long";
        }
        // Kept past exp by the clock skew Nimbus allows it, for as long as the assertion would still be accepted.
        return used.firstUse(SingleUse.Kind.CLIENT_ASSERTION, client.clientId(), claims.getJWTID().getValue(),
                expires.plus(CLOCK_SKEW)) ? null : "assertion_replayed";
    }
}
