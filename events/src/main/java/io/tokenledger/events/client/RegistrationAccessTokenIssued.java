package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The client was given a registration access token (RFC 7592 §3), with which it reads, updates and deletes its
 * own registration; any earlier one stops working. Only the token's hash is recorded.
 */
@Revision("1")
public record RegistrationAccessTokenIssued(String clientId, String tokenHash, Instant issuedAt, Actor actor)
        implements ClientEvent {
}
