package io.tokenledger.app.token;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.key.JwtSigner;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.grant.NewTokens;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Generates token values. Only their hashes leave through {@link Minted#hashes()}; the values go to the client. A JWT
 * access token (RFC 9068) has no value yet: it is signed, by {@link JwtAccessTokens}, from what the ledger recorded.
 */
@Component
public class TokenMinter {

    private final Clock clock;
    private final Duration accessTokenTtl;
    private final JwtSigner signer;

    public TokenMinter(Clock clock, LedgerProperties ledger, JwtSigner signer) {
        this.clock = clock;
        this.accessTokenTtl = ledger.accessTokenTtl();
        this.signer = signer;
    }

    /**
     * @param jwt     whether the access token is a JWT; it is then signed by the active key, whose id is taken now,
     *                so a node that cannot sign refuses (503) before anything is recorded
     * @param dpopJkt the thumbprint of the DPoP key the access token is bound to, or null for a bearer token
     */
    public Minted mint(boolean withRefreshToken, boolean jwt, String dpopJkt) {
        Instant now = clock.instant();
        return new Minted(TimeOrderedIds.next(), jwt ? null : Secrets.generate(),
                withRefreshToken ? Secrets.generate() : null, now, accessTokenTtl, jwt ? signer.activeKid() : null,
                dpopJkt);
    }

    /**
     * Freshly generated token values: the only moment they exist outside the client.
     *
     * @param accessToken the opaque access token, or the signed JWT once {@link #signed} gave it; null before
     * @param keyId       the key that signs a JWT access token; null for an opaque one
     * @param dpopJkt     the thumbprint of the DPoP key the access token is bound to; null for a bearer token
     */
    public record Minted(String tokenId, String accessToken, String refreshToken, Instant issuedAt, Duration lifetime,
                         String keyId, String dpopJkt) {

        public Instant expiresAt() {
            return issuedAt.plus(lifetime);
        }

        public boolean jwt() {
            return keyId != null;
        }

        /** The same tokens, expiring no later than {@code latest} (a token exchanged must not outlive its subject). */
        public Minted notAfter(Instant latest) {
            Duration left = Duration.between(issuedAt, latest);
            return left.compareTo(lifetime) >= 0 ? this
                    : new Minted(tokenId, accessToken, refreshToken, issuedAt, left, keyId, dpopJkt);
        }

        /** The same tokens with the JWT access token signed from what the ledger recorded. */
        public Minted signed(String jwtAccessToken) {
            return new Minted(tokenId, jwtAccessToken, refreshToken, issuedAt, lifetime, keyId, dpopJkt);
        }

        public NewTokens hashes() {
            return new NewTokens(tokenId, jwt() ? null : Secrets.sha256(accessToken),
                    refreshToken == null ? null : Secrets.sha256(refreshToken), expiresAt(), keyId, dpopJkt);
        }
    }
}
