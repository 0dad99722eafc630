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
import io.tokenledger.events.client.TokenExchangePolicy;
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

    @AggregateIdentifier
    private String clientId;
    private Credential credential;
    private boolean retired;

    protected ClientAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public ClientAggregate(RegisterClient command) {
        Credential credential = Credential.of(command.tokenEndpointAuthMethod());
        if (credential == Credential.SECRET) {
            Hashes.require(command.secretHash(), "secretHash");
        } else if (command.secretHash() != null) {
            throw new IllegalArgumentException("a client authenticating with " + command.tokenEndpointAuthMethod()
                                               + " has no secret");
        }
        credential.requireKeys(command.jwksUri(), command.jwks());
        requireGrantTypes(command.grantTypes());
        apply(new ClientRegistered(command.clientId(), command.clientName(), command.secretHash(),
                List.copyOf(command.redirectUris()), List.copyOf(command.grantTypes()), List.copyOf(command.scopes()),
                command.tokenEndpointAuthMethod(), nullIfEmpty(command.postLogoutRedirectUris()),
                command.firstParty(), jwtOrNull(command.accessTokenFormat()), command.backchannelLogoutUri(),
                command.jwksUri(), command.jwks(), trueOrNull(command.requirePushedAuthorizationRequests()),
                trueOrNull(command.dpopBoundAccessTokens()),
                nullIfDefault(command.tokenExchange()), command.registeredAt(), command.actor()));
        // Axon applies a creating command's events after the constructor, so this.clientId is not set yet.
        issueRegistrationToken(command.clientId(), command.registrationTokenHash(), command.registeredAt(),
                command.actor());
    }

    /**
     * A client keeps the kind of credential it registered with (none, a secret, or keys): a public client cannot become
     * confidential, nor a client with a secret lose it, by an update.
     */
    @CommandHandler
    public void handle(UpdateClient command) {
        requireActive();
        requireGrantTypes(command.grantTypes());
        if (credential != Credential.of(command.tokenEndpointAuthMethod())) {
            throw new IllegalArgumentException("token_endpoint_auth_method cannot change between none, a secret "
                                               + "and keys");
        }
        credential.requireKeys(command.jwksUri(), command.jwks());
        apply(new ClientUpdated(clientId, command.clientName(), List.copyOf(command.redirectUris()),
                List.copyOf(command.grantTypes()), List.copyOf(command.scopes()), command.tokenEndpointAuthMethod(),
                nullIfEmpty(command.postLogoutRedirectUris()), command.firstParty(),
                jwtOrNull(command.accessTokenFormat()), command.backchannelLogoutUri(), command.jwksUri(),
                command.jwks(), trueOrNull(command.requirePushedAuthorizationRequests()),
                trueOrNull(command.dpopBoundAccessTokens()),
                nullIfDefault(command.tokenExchange()), command.updatedAt(),
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
        if (credential != Credential.SECRET) {
            throw new IllegalArgumentException("a client without a secret has no secret to rotate");
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
        credential = Credential.of(event.tokenEndpointAuthMethod());
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

    /** A requirement a client does not have is left out of its event, as events before it was added left it. */
    private static Boolean trueOrNull(boolean required) {
        return required ? Boolean.TRUE : null;
    }

    /** A default policy is left out of the client's events, as events before revision 9 left it. */
    private static TokenExchangePolicy nullIfDefault(TokenExchangePolicy policy) {
        return policy == null || policy.unset() ? null : policy;
    }

    /** A list a client did not register is left out of its event, as events before revision 2 left it. */
    private static List<String> nullIfEmpty(List<String> values) {
        return values == null || values.isEmpty() ? null : List.copyOf(values);
    }
}
