package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

import java.time.Duration;
import java.util.Optional;

/** A refused OAuth2 request, answered as RFC 6749 §5.2 JSON. Nothing has been appended to the ledger. */
public class OAuth2Exception extends RuntimeException {

    private final transient ErrorObject error;
    private final boolean basicChallenge;
    private final transient Duration retryAfter;
    private final String dpopNonce;

    public OAuth2Exception(ErrorObject error) {
        this(error, false, null);
    }

    private OAuth2Exception(ErrorObject error, boolean basicChallenge, Duration retryAfter) {
        this(error, basicChallenge, retryAfter, null);
    }

    private OAuth2Exception(ErrorObject error, boolean basicChallenge, Duration retryAfter, String dpopNonce) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
        this.retryAfter = retryAfter;
        this.dpopNonce = dpopNonce;
    }

    /** RFC 9449 §8: the DPoP proof must carry the server's nonce, which the answer's {@code DPoP-Nonce} gives. */
    public static OAuth2Exception useDPoPNonce(String nonce) {
        return new OAuth2Exception(new ErrorObject("use_dpop_nonce",
                "the DPoP proof must carry the nonce in this answer's DPoP-Nonce header", 400), false, null, nonce);
    }

    public static OAuth2Exception invalidRequest(String description) {
        return new OAuth2Exception(OAuth2Error.INVALID_REQUEST.setDescription(description));
    }

    /** RFC 6749 §5.2: the client is not registered for the grant it asks for. */
    public static OAuth2Exception unauthorizedClient(String grantType) {
        return new OAuth2Exception(OAuth2Error.UNAUTHORIZED_CLIENT
                .setDescription("client is not registered for " + grantType));
    }

    /** 404 with an RFC 6749 §5.2 body: the path named something that does not exist. */
    public static OAuth2Exception notFound(String description) {
        return new OAuth2Exception(OAuth2Error.INVALID_REQUEST.setHTTPStatusCode(404).setDescription(description));
    }

    /** RFC 6749 §5.2: 401, with a Basic challenge when the client tried the Authorization header. */
    public static OAuth2Exception invalidClient(String description, boolean usedAuthorizationHeader) {
        return new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription(description), usedAuthorizationHeader,
                null);
    }

    /** Too many failed client authentications from one address: 429 (RFC 6585) with Retry-After, unchecked. */
    public static OAuth2Exception throttled(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setHTTPStatusCode(429).setDescription(
                "too many failed client authentications; retry in " + seconds + " s"), false, Duration.ofSeconds(seconds));
    }

    /** 503 temporarily_unavailable with Retry-After: this node cannot do it now, another node or a retry may. */
    public static OAuth2Exception unavailable(String description, Duration retryAfter) {
        return new OAuth2Exception(new ErrorObject("temporarily_unavailable", description, 503), false, retryAfter);
    }

    public ErrorObject error() {
        return error;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<String> dpopNonce() {
        return Optional.ofNullable(dpopNonce);
    }
}
