package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.http.ResponseEntity;

/** Answers token requests of one grant type (RFC 6749 §4, §6) from an authenticated client. */
public interface GrantHandler {

    GrantType grantType();

    /**
     * @param dpopJkt the thumbprint of the key the request's DPoP proof showed (RFC 9449), to bind the tokens to;
     *                null for bearer tokens
     */
    ResponseEntity<String> handle(ClientRegistration client, TokenRequest request, String dpopJkt);
}
