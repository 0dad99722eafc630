package io.tokenledger.events.client;

import java.util.List;

/**
 * What a client registered for the token exchange grant (RFC 8693) may ask for beyond the token it presents.
 *
 * @param audiences          the resources or audiences ({@code resource}, {@code audience}) it may exchange a token
 *                           for; a request naming none keeps the presented token's audience
 * @param revokedWithSubject whether a token it obtains by exchange is revoked when the token it was exchanged from is
 */
public record TokenExchangePolicy(List<String> audiences, boolean revokedWithSubject) {

    public static final TokenExchangePolicy NONE = new TokenExchangePolicy(List.of(), false);

    public TokenExchangePolicy {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    /** Whether it says nothing beyond the default, and so is left out of the client's events. */
    public boolean unset() {
        return audiences.isEmpty() && !revokedWithSubject;
    }
}
