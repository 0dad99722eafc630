package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

/** A refused OAuth2 request, answered as RFC 6749 §5.2 JSON. Nothing has been appended to the ledger. */
public class OAuth2Exception extends RuntimeException {

    private final transient ErrorObject error;
    private final boolean basicChallenge;

    public OAuth2Exception(ErrorObject error) {
        this(error, false);
    }

    private OAuth2Exception(ErrorObject error, boolean basicChallenge) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public static OAuth2Exception invalidRequest(String description) {
        return new OAuth2Exception(OAuth2Error.INVALID_REQUEST.setDescription(description));
    }

    /** RFC 6749 §5.2: 401, with a Basic challenge when the client tried the Authorization header. */
    public static OAuth2Exception invalidClient(String description, boolean usedAuthorizationHeader) {
        return new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription(description), usedAuthorizationHeader);
    }

    public ErrorObject error() {
        return error;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
