package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A client's metadata was replaced (RFC 7592 §2.2); its secret is unchanged.
 *
 * @param postLogoutRedirectUris where RP-Initiated Logout may send the browser back to; null for none (revision 2)
 */
@Revision("2")
public record ClientUpdated(String clientId, String clientName, List<String> redirectUris, List<String> grantTypes,
                            List<String> scopes, String tokenEndpointAuthMethod, List<String> postLogoutRedirectUris,
                            Instant updatedAt, Actor actor)
        implements ClientEvent {
}
