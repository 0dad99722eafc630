package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;

import java.net.URI;

/**
 * A refused authorization request. Without a trustworthy client and redirect URI it is shown on an error page
 * and never redirected (RFC 6749 §4.1.2.1, RFC 9700 §4.1); otherwise it goes back to the client.
 *
 * @param redirectUri where to send the error, or null to show it here
 */
public class AuthorizationError extends RuntimeException {

    private final transient ErrorObject error;
    private final URI redirectUri;
    private final String state;

    private AuthorizationError(ErrorObject error, URI redirectUri, String state) {
        super(error.getDescription(), null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    public static AuthorizationError page(String description) {
        return new AuthorizationError(new ErrorObject("invalid_request", description, 400), null, null);
    }

    public static AuthorizationError redirect(ErrorObject error, URI redirectUri, String state) {
        return new AuthorizationError(error, redirectUri, state);
    }

    public ErrorObject error() {
        return error;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }
}
