package io.tokenledger.app.registration;

import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.registration.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.RegisterClient;
import io.tokenledger.events.client.RetireClient;
import io.tokenledger.events.client.RotateClientSecret;
import io.tokenledger.events.client.UpdateClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Records client registrations in the ledger. */
@Component
public class ClientRegistrar {

    private final CommandGateway commands;

    public ClientRegistrar(CommandGateway commands) {
        this.commands = commands;
    }

    static String newClientId() {
        return TimeOrderedIds.next();
    }

    /**
     * What a registration hands out once, in plaintext; the ledger keeps only hashes.
     *
     * @param secret            the client secret, or null for a public client
     * @param registrationToken the registration access token (RFC 7592 §3)
     */
    public record Credentials(String secret, String registrationToken) {
    }

    /** Registers a client with a generated secret and registration access token. */
    public Credentials register(String clientId, ValidMetadata metadata, Instant at, Actor actor) {
        String secret = metadata.holdsSecret() ? Secrets.generate() : null;
        String registrationToken = Secrets.generate();
        record(clientId, metadata, secret == null ? null : Secrets.sha256(secret), Secrets.sha256(registrationToken),
                at, actor);
        return new Credentials(secret, registrationToken);
    }

    /** Replaces the metadata and the registration access token (RFC 7592 §2.2); returns the new token. */
    String update(String clientId, ValidMetadata metadata, Instant at, Actor actor) {
        String registrationToken = Secrets.generate();
        send(clientId, metadata, Secrets.sha256(registrationToken), at, actor);
        return registrationToken;
    }

    /** Replaces the metadata only, for the server's own changes. */
    void updateMetadata(String clientId, ValidMetadata metadata, Instant at, Actor actor) {
        send(clientId, metadata, null, at, actor);
    }

    private void send(String clientId, ValidMetadata metadata, String registrationTokenHash, Instant at, Actor actor) {
        commands.sendAndWait(new UpdateClient(clientId, metadata.name(), metadata.redirectUris(), metadata.grantTypes(),
                metadata.scopes(), metadata.tokenEndpointAuthMethod(), metadata.postLogoutRedirectUris(),
                metadata.firstParty(), metadata.accessTokenFormat(), metadata.backchannelLogoutUri(), metadata.jwksUri(),
                metadata.jwks(), metadata.requirePushedAuthorizationRequests(), metadata.dpopBoundAccessTokens(),
                metadata.tokenExchange(), registrationTokenHash, at, actor));
    }

    /** Returns the new secret; the ledger keeps only its hash. */
    String rotateSecret(String clientId, Instant at, Actor actor) {
        String secret = Secrets.generate();
        commands.sendAndWait(new RotateClientSecret(clientId, Secrets.sha256(secret), at, actor));
        return secret;
    }

    void retire(String clientId, Instant at, Actor actor) {
        commands.sendAndWait(new RetireClient(clientId, at, actor));
    }

    /** Registers a client whose secret was chosen elsewhere; {@code registrationTokenHash} may be null for none. */
    void record(String clientId, ValidMetadata metadata, String secretHash, String registrationTokenHash, Instant at,
                Actor actor) {
        commands.sendAndWait(new RegisterClient(clientId, metadata.name(), secretHash, metadata.redirectUris(),
                metadata.grantTypes(), metadata.scopes(), metadata.tokenEndpointAuthMethod(),
                metadata.postLogoutRedirectUris(), metadata.firstParty(), metadata.accessTokenFormat(),
                metadata.backchannelLogoutUri(), metadata.jwksUri(), metadata.jwks(),
                metadata.requirePushedAuthorizationRequests(), metadata.dpopBoundAccessTokens(), metadata.tokenExchange(),
                registrationTokenHash, at, actor));
    }
}
