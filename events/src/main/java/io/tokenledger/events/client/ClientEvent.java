package io.tokenledger.events.client;

/** What can happen to an OAuth2 client registration. */
public sealed interface ClientEvent permits ClientRegistered, ClientUpdated, ClientSecretRotated, ClientRetired,
        RegistrationAccessTokenIssued {

    String clientId();
}
