package io.tokenledger.command.client;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.RegisterClient;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One registered OAuth2 client. */
@Aggregate
public class ClientAggregate {

    @AggregateIdentifier
    private String clientId;

    protected ClientAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public ClientAggregate(RegisterClient command) {
        boolean publicClient = "none".equals(command.tokenEndpointAuthMethod());
        if (publicClient && command.secretHash() != null) {
            throw new IllegalArgumentException("a public client has no secret");
        }
        if (!publicClient) {
            Hashes.require(command.secretHash(), "secretHash");
        }
        if (command.grantTypes().isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one grant type");
        }
        apply(new ClientRegistered(command.clientId(), command.clientName(), command.secretHash(),
                List.copyOf(command.redirectUris()), List.copyOf(command.grantTypes()), List.copyOf(command.scopes()),
                command.tokenEndpointAuthMethod(), command.registeredAt(), command.actor()));
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        clientId = event.clientId();
    }
}
