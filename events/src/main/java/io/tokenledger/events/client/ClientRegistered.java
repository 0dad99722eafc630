package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A client was registered (RFC 7591).
 *
 * @param secretHash hash of the client secret ({@code sha256:<hex>} or a bcrypt hash), never the secret; null for a
 *                   public client ({@code tokenEndpointAuthMethod} {@code none})
 */
@Revision("1")
public record ClientRegistered(String clientId, String clientName, String secretHash, List<String> redirectUris,
                               List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                               Instant registeredAt, Actor actor) implements ClientEvent {
}
