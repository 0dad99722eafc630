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
 * @param postLogoutRedirectUris where OpenID Connect RP-Initiated Logout may send the browser back to; null for
 *                               none (revision 2 added it)
 * @param firstParty             whether the client is the server operator's own, whose users are not asked to
 *                               consent (revision 3 added it); null in older events, registered before consent was
 *                               asked for, which therefore read as first-party
 * @param accessTokenFormat      {@code jwt} when its access tokens are RFC 9068 JWTs; null for opaque ones, as in
 *                               events before revision 4
 * @param backchannelLogoutUri   where OpenID Connect Back-Channel Logout tells the client that a session ended; null
 *                               for none (revision 5 added it)
 * @param jwksUri                where the client publishes the public keys it signs its client assertions with
 *                               (RFC 7523, {@code private_key_jwt}); null for none (revision 6 added it)
 * @param jwks                   those public keys as a JWK set (RFC 7517) when registered by value; null for none
 *                               (revision 6)
 * @param requirePushedAuthorizationRequests whether the client's authorization requests must be pushed first
 *                                           (RFC 9126 §6); null in events before revision 7, which read as false
 * @param dpopBoundAccessTokens whether the client's access tokens are always bound to a DPoP key (RFC 9449 §5.2);
 *                              null for no (and before revision 8)
 * @param tokenExchange what it may ask for by token exchange (RFC 8693); null for the default (and before
 *                      revision 9)
 */
@Revision("9")
public record ClientRegistered(String clientId, String clientName, String secretHash, List<String> redirectUris,
                               List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                               List<String> postLogoutRedirectUris, Boolean firstParty, String accessTokenFormat,
                               String backchannelLogoutUri, String jwksUri, String jwks,
                               Boolean requirePushedAuthorizationRequests, Boolean dpopBoundAccessTokens,
                               TokenExchangePolicy tokenExchange,
                               Instant registeredAt, Actor actor)
        implements ClientEvent {
}
