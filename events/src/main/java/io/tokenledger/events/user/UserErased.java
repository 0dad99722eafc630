package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A person was erased (GDPR Art. 17): the key their personal data is encrypted under is destroyed, so every personal
 * value the ledger holds about them reads as erased, while their events, seals and chain stay as they were. The
 * account signs in no more, and its grants and sign-in sessions end ({@code USER_ERASED}).
 *
 * @param reason      why, as the administrator recorded it; kept in plaintext, so it never names the person
 * @param requestedBy who asked for it (a request's reference, a role), kept likewise
 */
@Revision("1")
public record UserErased(String userId, String reason, String requestedBy, Instant erasedAt, Actor actor)
        implements UserEvent {
}
