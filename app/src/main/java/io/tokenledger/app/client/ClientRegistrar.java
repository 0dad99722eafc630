package io.tokenledger.app.client;

import io.tokenledger.app.client.ClientMetadataPolicy.ValidMetadata;
import io.tokenledger.app.id.TimeOrderedIds;
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
     * Registers a client with a generated secret and returns the secret, which the ledger keeps only as a hash;
     * a public client gets none and null is returned.
     */
    public String register(String clientId, ValidMetadata metadata, Instant at, Actor actor) {
        String secret = metadata.publicClient() ? null : Secrets.generate();
        record(clientId, metadata, secret == null ? null : Secrets.sha256(secret), at, actor);
        return secret;
    }

    void update(String clientId, ValidMetadata metadata, Instant at, Actor actor) {
        commands.sendAndWait(new UpdateClient(clientId, metadata.name(), metadata.redirectUris(), metadata.grantTypes(),
                metadata.scopes(), metadata.tokenEndpointAuthMethod(), at, actor));
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

    void record(String clientId, ValidMetadata metadata, String secretHash, Instant at, Actor actor) {
        commands.sendAndWait(new RegisterClient(clientId, metadata.name(), secretHash, metadata.redirectUris(),
                metadata.grantTypes(), metadata.scopes(), metadata.tokenEndpointAuthMethod(), at, actor));
    }
}
