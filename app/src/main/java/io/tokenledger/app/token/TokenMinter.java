package io.tokenledger.app.token;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.grant.NewTokens;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Generates token values. Only their hashes leave through {@link Minted#hashes()}; the values go to the client. */
@Component
public class TokenMinter {

    private final Clock clock;
    private final Duration accessTokenTtl;

    public TokenMinter(Clock clock, LedgerProperties ledger) {
        this.clock = clock;
        this.accessTokenTtl = ledger.accessTokenTtl();
    }

    public Minted mint(boolean withRefreshToken) {
        Instant now = clock.instant();
        return new Minted(TimeOrderedIds.next(), Secrets.generate(),
                withRefreshToken ? Secrets.generate() : null, now, accessTokenTtl);
    }

    /** Freshly generated token values: the only moment they exist outside the client. */
    public record Minted(String tokenId, String accessToken, String refreshToken, Instant issuedAt, Duration lifetime) {

        public Instant expiresAt() {
            return issuedAt.plus(lifetime);
        }

        public NewTokens hashes() {
            return new NewTokens(tokenId, Secrets.sha256(accessToken),
                    refreshToken == null ? null : Secrets.sha256(refreshToken), expiresAt());
        }
    }
}
