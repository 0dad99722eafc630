package io.tokenledger.app.client;

import io.tokenledger.query.client.ClientRegistration;

import java.util.Optional;

/**
 * Where the authorization endpoint finds the client a request names: registered by an administrator, or, when the
 * server accepts them, described by the metadata document its client_id points to (registration's
 * {@code ClientIdMetadataDocuments}).
 */
public interface Clients {

    /**
     * @throws io.tokenledger.app.oauth2.OAuth2Exception when the id names a document that is refused, saying why
     */
    Optional<ClientRegistration> find(String clientId);
}
