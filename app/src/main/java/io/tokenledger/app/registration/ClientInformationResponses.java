package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.oauth2.Responses;
import io.tokenledger.app.registration.ClientMetadataPolicy.ValidMetadata;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Instant;
import java.util.Date;

/** The client information response (RFC 7591 §3.2.1, RFC 7592 §3). */
@Component
class ClientInformationResponses {

    private final IssuerResolver issuer;

    ClientInformationResponses(IssuerResolver issuer) {
        this.issuer = issuer;
    }

    /**
     * @param secret            the plaintext secret, only right after it was generated; otherwise null, since the
     *                          ledger keeps nothing but its hash
     * @param registrationToken the registration access token, likewise only when it was just issued
     * @param created           201 for a new registration, 200 otherwise
     */
    ResponseEntity<String> of(String clientId, Instant issuedAt, ValidMetadata metadata, String secret,
                              String registrationToken, boolean created) {
        ClientInformation information = new ClientInformation(new ClientID(clientId), Date.from(issuedAt),
                metadata.toClientMetadata(), secret == null ? null : new Secret(secret),
                URI.create(issuer.issuer() + "/oauth2/register/" + clientId),
                registrationToken == null ? null : new BearerAccessToken(registrationToken));
        return Responses.of(new ClientInformationResponse(information, created).toHTTPResponse());
    }
}
