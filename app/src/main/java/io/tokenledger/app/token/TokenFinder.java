package io.tokenledger.app.token;

import io.tokenledger.app.secret.Secrets;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import org.springframework.stereotype.Component;

import java.util.Optional;

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
    public Optional<TokenState> anyToken(String value, boolean refreshHinted) {
        String hash = Secrets.sha256(value);
        return refreshHinted
                ? tokens.byRefreshTokenHash(hash).or(() -> tokens.byAccessTokenHash(hash))
                : tokens.byAccessTokenHash(hash).or(() -> tokens.byRefreshTokenHash(hash));
    }
}
