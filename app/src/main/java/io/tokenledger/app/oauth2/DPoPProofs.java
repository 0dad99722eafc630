package io.tokenledger.app.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPTokenRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.openid.connect.sdk.Nonce;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DPoP proofs at the token endpoint (RFC 9449 §4), checked by Nimbus's {@link DPoPTokenRequestVerifier}: a JWT of
 * type {@code dpop+jwt} signed by the asymmetric key in its header, for this request's method and URL, issued within
 * {@link #WINDOW} of now, and used once: the used ones are kept in PostgreSQL for twice that window, so a replay is
 * refused by whichever node it reaches (§11.1); with {@link DPoPNonces#required()}, carrying a nonce this server gave
 * (§8). The answer is the key's SHA-256 thumbprint, which the token is bound to.
 */
@Component
public class DPoPProofs {

    /** What a client may sign proofs with, listed as {@code dpop_signing_alg_values_supported}. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    /** How far a proof's {@code iat} may be from now (§11.1 leaves it to the server). */
    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final String HEADER = "DPoP";
    private final IssuerResolver issuer;
    private final DPoPNonces nonces;
    private final SingleUse used;
    private final Clock clock;

    public DPoPProofs(IssuerResolver issuer, DPoPNonces nonces, SingleUse used, Clock clock) {
        this.issuer = issuer;
        this.nonces = nonces;
        this.used = used;
        this.clock = clock;
    }

    /**
     * The thumbprint of the key the request's DPoP proof shows, or null when it carries none; a proof that does not
     * hold is {@code invalid_dpop_proof} (§5), and nothing is recorded.
     */
    public String tokenRequest(HttpServletRequest request, String clientId) {
        List<String> proofs = Collections.list(request.getHeaders(HEADER));
        if (proofs.isEmpty()) {
            return null;
        }
        if (proofs.size() > 1) {
            throw invalid("more than one DPoP header");
        }
        DPoPTokenRequestVerifier verifier = new DPoPTokenRequestVerifier(Set.copyOf(ALGORITHMS),
                URI.create(issuer.issuer() + request.getServletPath()), WINDOW.toSeconds(),
                used -> firstUse(clientId, used));
        try {
            SignedJWT proof = SignedJWT.parse(proofs.get(0));
            JWKThumbprintConfirmation confirmation = nonces.required()
                    ? verifier.verify(new DPoPIssuer(clientId), proof, nonce(proof))
                    : verifier.verify(new DPoPIssuer(clientId), proof);
            return confirmation.getValue().toString();
        } catch (ParseException e) {
            throw invalid("the DPoP proof is not a signed JWT");
        } catch (InvalidDPoPProofException | JOSEException e) {
            throw invalid("the DPoP proof does not hold: " + e.getMessage());
        }
    }

    /**
     * The proof's nonce, when it is one this server gave lately; otherwise the client is given one to retry with
     * (RFC 9449 §8), before anything else of the proof is looked at.
     */
    private Nonce nonce(SignedJWT proof) throws ParseException {
        Object nonce = proof.getJWTClaimsSet().getClaim("nonce");
        if (!(nonce instanceof String value && nonces.accepts(value))) {
            throw OAuth2Exception.useDPoPNonce(nonces.current());
        }
        return new Nonce(value);
    }

    /** A token response, with the nonce for the client's next proof when nonces are required. */
    public ResponseEntity<String> withNonce(ResponseEntity<String> response) {
        if (!nonces.required()) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                             .header(DPoPNonces.HEADER, nonces.current()).body(response.getBody());
    }

    /** Records the proof as used; the client's proofs past their window are deleted in the same statement. */
    private void firstUse(String clientId, Map.Entry<DPoPIssuer, JWTID> proof) throws AlreadyUsedException {
        String jti = proof.getValue().getValue();
        if (jti.length() > SingleUse.MAX_JTI) {
            throw new AlreadyUsedException("the proof's jti is longer than " + SingleUse.MAX_JTI + " characters");
        }
        // Kept twice the window: an iat up to the window ahead of this clock is accepted for the window after it.
        if (!used.firstUse(SingleUse.Kind.DPOP_PROOF, clientId, jti, clock.instant().plus(WINDOW.multipliedBy(2)))) {
            throw new AlreadyUsedException("the DPoP proof was used before");
        }
    }

    private static OAuth2Exception invalid(String description) {
        return new OAuth2Exception(new ErrorObject("invalid_dpop_proof", description, 400));
    }
}
