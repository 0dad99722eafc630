package io.tokenledger.app.token;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Finds a token by its presented value, which is hashed once and never stored or logged. */
@Component
public class TokenFinder {

    private final TokenLookup tokens;

    public TokenFinder(TokenLookup tokens) {
        this.tokens = tokens;
    }

    public Optional<TokenState> accessToken(String value) {
        return tokens.byAccessTokenHash(Secrets.sha256(value));
    }

    /** Looks the value up as either kind of token, trying the hinted kind first (RFC 7009 §2.1). */
    public Optional<Found> find(String value, boolean refreshHinted) {
        String hash = Secrets.sha256(value);
        // Lazily: a live token of the kind tried first is found in one query, not two.
        Supplier<Optional<Found>> asAccess = () -> tokens.byAccessTokenHash(hash).map(s -> new Found(s, false));
        Supplier<Optional<Found>> asRefresh = () -> tokens.byRefreshTokenHash(hash).map(s -> new Found(s, true));
        return refreshHinted ? asRefresh.get().or(asAccess) : asAccess.get().or(asRefresh);
    }

    /** A token row, and whether the presented value was its refresh token. */
    public record Found(TokenState state, boolean refresh) {

        public boolean activeAt(Instant now) {
            return refresh ? state.refreshActiveAt(now) : state.activeAt(now);
        }
    }
}
