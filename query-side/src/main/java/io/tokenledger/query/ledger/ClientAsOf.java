package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientUpdated;

import java.time.Instant;
import java.util.List;

/**
 * A client's registration at an instant, folded from its events recorded by then; never a secret's hash.
 *
 * @param status {@code active}, {@code retired}, or {@code not_registered} when it did not exist yet
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClientAsOf(String clientId, Instant asOf, String status, String clientName, List<String> grantTypes,
                         List<String> scope, List<String> redirectUris, String tokenEndpointAuthMethod,
                         Instant registeredAt, Instant updatedAt, Instant secretRotatedAt, Instant retiredAt,
                         int eventsConsidered) {

    static ClientAsOf unregistered(String clientId, Instant at) {
        return new ClientAsOf(clientId, at, "not_registered", null, List.of(), List.of(), List.of(), null, null, null,
                null, null, 0);
    }

    ClientAsOf registered(ClientRegistered e) {
        return new ClientAsOf(clientId, asOf, "active", e.clientName(), e.grantTypes(), e.scopes(), e.redirectUris(),
                e.tokenEndpointAuthMethod(), e.registeredAt(), null, null, null, eventsConsidered + 1);
    }

    ClientAsOf updated(ClientUpdated e) {
        return new ClientAsOf(clientId, asOf, status, e.clientName(), e.grantTypes(), e.scopes(), e.redirectUris(),
                e.tokenEndpointAuthMethod(), registeredAt, e.updatedAt(), secretRotatedAt, retiredAt,
                eventsConsidered + 1);
    }

    ClientAsOf rotated(Instant at) {
        return new ClientAsOf(clientId, asOf, status, clientName, grantTypes, scope, redirectUris,
                tokenEndpointAuthMethod, registeredAt, updatedAt, at, retiredAt, eventsConsidered + 1);
    }

    ClientAsOf retired(Instant at) {
        return new ClientAsOf(clientId, asOf, "retired", clientName, grantTypes, scope, redirectUris,
                tokenEndpointAuthMethod, registeredAt, updatedAt, secretRotatedAt, at, eventsConsidered + 1);
    }
}
