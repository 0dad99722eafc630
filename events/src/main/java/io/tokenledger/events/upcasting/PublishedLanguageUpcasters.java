package io.tokenledger.events.upcasting;

import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/** Every upcaster of the published language, oldest revision first; a reader of the ledger registers them all. */
public final class PublishedLanguageUpcasters {

    private PublishedLanguageUpcasters() {
    }

    public static EventUpcaster chain() {
        return new EventUpcasterChain(
                // RFC 8707 resource indicators: a token's audience, a grant's resources.
                new OptionalFieldAdded(TokenIssued.class, "1", "2"),
                new OptionalFieldAdded(AuthorizationCodeIssued.class, "1", "2"),
                new OptionalFieldAdded(AuthorizationCodeRedeemed.class, "1", "2"),
                new OptionalFieldAdded(RefreshTokenRotated.class, "1", "2"),
                // OpenID Connect: the nonce and the sign-in an authorization code's ID token will state.
                new OptionalFieldAdded(AuthorizationCodeIssued.class, "2", "3"),
                // OpenID Connect RP-Initiated Logout: where a client's users may be sent back after logging out.
                new OptionalFieldAdded(ClientRegistered.class, "1", "2"),
                new OptionalFieldAdded(ClientUpdated.class, "1", "2"),
                // OpenID Connect consent: whether the client's users are asked for it.
                new OptionalFieldAdded(ClientRegistered.class, "2", "3"),
                new OptionalFieldAdded(ClientUpdated.class, "2", "3"),
                // RFC 9068 JWT access tokens: the key that signs one, and whether a client's tokens are JWTs.
                new OptionalFieldAdded(TokenIssued.class, "2", "3"),
                new OptionalFieldAdded(AuthorizationCodeRedeemed.class, "2", "3"),
                new OptionalFieldAdded(RefreshTokenRotated.class, "2", "3"),
                new OptionalFieldAdded(ClientRegistered.class, "3", "4"),
                new OptionalFieldAdded(ClientUpdated.class, "3", "4"),
                // OpenID Connect Back-Channel Logout: where a client is told that a session ended.
                new OptionalFieldAdded(ClientRegistered.class, "4", "5"),
                new OptionalFieldAdded(ClientUpdated.class, "4", "5"),
                // RFC 7523 private_key_jwt: where a client's assertion keys are, or the keys.
                new OptionalFieldAdded(ClientRegistered.class, "5", "6"),
                new OptionalFieldAdded(ClientUpdated.class, "5", "6"),
                // RFC 9126 pushed authorization requests: whether a client must push its requests.
                new OptionalFieldAdded(ClientRegistered.class, "6", "7"),
                new OptionalFieldAdded(ClientUpdated.class, "6", "7"),
                // RFC 9449 DPoP: the key a token is bound to, a grant's refresh tokens are, a code is.
                new OptionalFieldAdded(TokenIssued.class, "3", "4"),
                new OptionalFieldAdded(AuthorizationCodeRedeemed.class, "3", "4"),
                new OptionalFieldAdded(RefreshTokenRotated.class, "3", "4"),
                new OptionalFieldAdded(AuthorizationCodeIssued.class, "3", "4"),
                // RFC 9449 §5: a public client's refresh tokens bound at a rotation, its code redeemed without DPoP.
                new OptionalFieldAdded(RefreshTokenRotated.class, "4", "5"),
                // RFC 9449 §5.2: whether a client's access tokens must always be DPoP-bound.
                new OptionalFieldAdded(ClientRegistered.class, "7", "8"),
                new OptionalFieldAdded(ClientUpdated.class, "7", "8"),
                // RFC 8693 token exchange: what a client may exchange for, and which tokens a token came from.
                new OptionalFieldAdded(ClientRegistered.class, "8", "9"),
                new OptionalFieldAdded(ClientUpdated.class, "8", "9"),
                new OptionalFieldAdded(TokenIssued.class, "4", "5"),
                // The console: what an administrator wrote as the reason for a revocation.
                new OptionalFieldAdded(TokenRevoked.class, "1", "2"),
                new OptionalFieldAdded(GrantRevoked.class, "1", "2"),
                // Issue 25: the user whose key a revocation's note and request context are encrypted under.
                new OptionalFieldAdded(TokenRevoked.class, "2", "3"),
                new OptionalFieldAdded(GrantRevoked.class, "2", "3"));
    }
}
