package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.tokenledger.query.client.ClientRegistration;

/** A well-formed OAuth2 form request and the client it authenticated. */
public record AuthenticatedRequest(HTTPRequest http, ClientRegistration client) {
}
