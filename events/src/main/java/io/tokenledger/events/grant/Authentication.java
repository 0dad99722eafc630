package io.tokenledger.events.grant;

import java.time.Instant;
import java.util.List;

/**
 * How the user signed in for a grant, as an ID token states it (OpenID Connect Core §2).
 *
 * @param time      when the user authenticated ({@code auth_time}), which a session may place before the grant
 * @param methods   how ({@code amr}, RFC 8176): {@code pwd} for the sign-in form
 * @param sessionId the sign-in session ({@code sid}), or null when there was none
 */
public record Authentication(Instant time, List<String> methods, String sessionId) {

    /** A grant recorded before revision 3 of its code's event: the form, at the moment the code was issued. */
    public static Authentication passwordAt(Instant time) {
        return new Authentication(time, List.of("pwd"), null);
    }
}
