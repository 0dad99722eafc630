package io.tokenledger.app.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.query.client.ClientRegistration;

import java.time.Instant;
import java.util.List;

/**
 * A client as administrators and operators see it: its metadata, never its secret's hash.
 *
 * @param activeTokens how many of its tokens are active, where asked for; left out otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClientSummary(String clientId, String clientName, List<String> grantTypes, List<String> scope,
                            List<String> redirectUris, String tokenEndpointAuthMethod, Instant createdAt,
                            Instant retiredAt, @JsonInclude(JsonInclude.Include.NON_NULL) Long activeTokens) {

    public static ClientSummary of(ClientRegistration client, Long activeTokens) {
        return new ClientSummary(client.clientId(), client.clientName(), client.grantTypes(), client.scopes(),
                client.redirectUris(), client.tokenEndpointAuthMethod(), client.createdAt(), client.retiredAt(),
                activeTokens);
    }
}
