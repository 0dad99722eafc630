package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The client lost scopes this grant held (an administrator narrowed it): the grant keeps only those the client
 * still has, for every token it issues from now on (RFC 6749 §3.3). Tokens issued before keep theirs until they
 * expire.
 *
 * @param scopes    what the grant holds from now on
 * @param withdrawn what it no longer holds
 */
@Revision("1")
public record GrantNarrowed(String grantId, String clientId, List<String> scopes, List<String> withdrawn,
                            Instant narrowedAt, Actor actor) implements GrantEvent {
}
