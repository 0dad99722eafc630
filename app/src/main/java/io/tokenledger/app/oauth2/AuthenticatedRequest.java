package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.tokenledger.query.client.ClientRegistration;

/**
 * A well-formed OAuth2 form request, the client it authenticated, and what the endpoint read with the client's
 * registration ({@link ClientAuthenticator.Registrations}), if anything.
 */
public record AuthenticatedRequest<T>(HTTPRequest http, ClientRegistration client, T found) {
}
