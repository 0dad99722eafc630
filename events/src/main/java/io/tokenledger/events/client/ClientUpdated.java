package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A client's metadata was replaced (RFC 7592 §2.2); its secret is unchanged.
 *
 * @param postLogoutRedirectUris where RP-Initiated Logout may send the browser back to; null for none (revision 2)
 * @param firstParty             whether its users are spared the consent page (revision 3); null in older events,
 *                               which read as first-party, as {@link ClientRegistered} does
 * @param accessTokenFormat      {@code jwt} for RFC 9068 JWT access tokens; null for opaque ones (revision 4)
 * @param backchannelLogoutUri   where Back-Channel Logout tells the client a session ended; null for none (revision 5)
 * @param jwksUri                where it publishes its client assertion keys (RFC 7523); null for none (revision 6)
 * @param jwks                   those keys as a JWK set when registered by value; null for none (revision 6)
 * @param requirePushedAuthorizationRequests whether its authorization requests must be pushed first (RFC 9126 §6);
 *                                           null before revision 7, read as false
 * @param dpopBoundAccessTokens whether its access tokens are always DPoP-bound (RFC 9449 §5.2); null for no (and
 *                              before revision 8)
 * @param tokenExchange what it may ask for by token exchange (RFC 8693); null for the default (and before
 *                      revision 9)
 */
@Revision("9")
public record ClientUpdated(String clientId, String clientName, List<String> redirectUris, List<String> grantTypes,
                            List<String> scopes, String tokenEndpointAuthMethod, List<String> postLogoutRedirectUris,
                            Boolean firstParty, String accessTokenFormat, String backchannelLogoutUri,
                            String jwksUri, String jwks, Boolean requirePushedAuthorizationRequests,
                            Boolean dpopBoundAccessTokens, TokenExchangePolicy tokenExchange, Instant updatedAt, Actor actor)
        implements ClientEvent {
}
