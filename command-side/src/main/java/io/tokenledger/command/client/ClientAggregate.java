package io.tokenledger.command.client;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.client.RegisterClient;
import io.tokenledger.events.client.RegistrationAccessTokenIssued;
import io.tokenledger.events.client.RetireClient;
import io.tokenledger.events.client.RotateClientSecret;
import io.tokenledger.events.client.UpdateClient;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One registered OAuth2 client. */
@Aggregate
public class ClientAggregate {

    static final String PUBLIC = "none";

    @AggregateIdentifier
    private String clientId;
    private boolean publicClient;
    private boolean retired;

    protected ClientAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public ClientAggregate(RegisterClient command) {
        boolean publicClient = PUBLIC.equals(command.tokenEndpointAuthMethod());
        if (publicClient && command.secretHash() != null) {
            throw new IllegalArgumentException("a public client has no secret");
        }
        if (!publicClient) {
            Hashes.require(command.secretHash(), "secretHash");
        }
        requireGrantTypes(command.grantTypes());
        apply(new ClientRegistered(command.clientId(), command.clientName(), command.secretHash(),
                List.copyOf(command.redirectUris()), List.copyOf(command.grantTypes()), List.copyOf(command.scopes()),
                command.tokenEndpointAuthMethod(), nullIfEmpty(command.postLogoutRedirectUris()),
                command.firstParty(), jwtOrNull(command.accessTokenFormat()), command.backchannelLogoutUri(),
                command.registeredAt(), command.actor()));
        // Axon applies a creating command's events after the constructor, so this.clientId is not set yet.
        issueRegistrationToken(command.clientId(), command.registrationTokenHash(), command.registeredAt(),
                command.actor());
    }

    /** A public client cannot become confidential or the reverse: it has, or lacks, a secret for good. */
    @CommandHandler
    public void handle(UpdateClient command) {
        requireActive();
        requireGrantTypes(command.grantTypes());
        if (publicClient != PUBLIC.equals(command.tokenEndpointAuthMethod())) {
            throw new IllegalArgumentException("token_endpoint_auth_method cannot change between none and a secret");
        }
        apply(new ClientUpdated(clientId, command.clientName(), List.copyOf(command.redirectUris()),
                List.copyOf(command.grantTypes()), List.copyOf(command.scopes()), command.tokenEndpointAuthMethod(),
                nullIfEmpty(command.postLogoutRedirectUris()), command.firstParty(),
                jwtOrNull(command.accessTokenFormat()), command.backchannelLogoutUri(), command.updatedAt(),
                command.actor()));
        issueRegistrationToken(clientId, command.registrationTokenHash(), command.updatedAt(), command.actor());
    }

    private static void issueRegistrationToken(String clientId, String tokenHash, Instant at, Actor actor) {
        if (tokenHash != null) {
            Hashes.require(tokenHash, "registrationTokenHash");
            apply(new RegistrationAccessTokenIssued(clientId, tokenHash, at, actor));
        }
    }

    @CommandHandler
    public void handle(RotateClientSecret command) {
        requireActive();
        if (publicClient) {
            throw new IllegalArgumentException("a public client has no secret to rotate");
        }
        Hashes.require(command.secretHash(), "secretHash");
        apply(new ClientSecretRotated(clientId, command.secretHash(), command.rotatedAt(), command.actor()));
    }

    @CommandHandler
    public void handle(RetireClient command) {
        if (!retired) {
            apply(new ClientRetired(clientId, command.retiredAt(), command.actor()));
        }
    }

    private void requireActive() {
        if (retired) {
            throw new ClientRetiredException(clientId);
        }
    }

    private static void requireGrantTypes(List<String> grantTypes) {
        if (grantTypes.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one grant type");
        }
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        clientId = event.clientId();
        publicClient = PUBLIC.equals(event.tokenEndpointAuthMethod());
    }

    @EventSourcingHandler
    void on(ClientRetired event) {
        retired = true;
    }

    /** Opaque access tokens are what events before revision 4 meant by saying nothing, so they say nothing still. */
    private static String jwtOrNull(String accessTokenFormat) {
        if (accessTokenFormat == null || "opaque".equals(accessTokenFormat)) {
            return null;
        }
        if (!"jwt".equals(accessTokenFormat)) {
            throw new IllegalArgumentException("access token format must be opaque or jwt");
        }
        return accessTokenFormat;
    }

    /** A list a client did not register is left out of its event, as events before revision 2 left it. */
    private static List<String> nullIfEmpty(List<String> values) {
        return values == null || values.isEmpty() ? null : List.copyOf(values);
    }
}
