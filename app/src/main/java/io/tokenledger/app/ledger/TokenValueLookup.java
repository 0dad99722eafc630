package io.tokenledger.app.ledger;

import io.tokenledger.app.key.PresentedTokens;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.query.ReadDatabase;
import io.tokenledger.query.ledger.TokenAsOf;
import io.tokenledger.query.ledger.TokenTimeline;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * An auditor holding a token's value (from a log, a report, a user) finds the token in the ledger: the value goes in
 * the body, never in a URL that proxies and logs keep, and is looked up by its hash, as either kind of token.
 */
@RestController
public class TokenValueLookup {

    private final TokenLookup tokens;
    private final TokenTimeline timeline;
    private final Clock clock;
    private final PresentedTokens presented;

    public TokenValueLookup(@ReadDatabase TokenLookup tokens, TokenTimeline timeline, Clock clock,
                            PresentedTokens presented) {
        this.tokens = tokens;
        this.presented = presented;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** The token as {@code GET /ledger/tokens/{token_id}} shows it now; its id leads to its history. */
    @PostMapping(value = "/ledger/tokens/lookup", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public TokenAsOf lookup(@RequestParam String token, HttpServletRequest request) {
        if (request.getQueryString() != null) {
            throw OAuth2Exception.invalidRequest("the token goes in the form-encoded body, never in the URL");
        }
        return tokens.byEitherHash(presented.key(token))
                     .map(TokenState::tokenId)
                     .flatMap(tokenId -> timeline.asOf(tokenId, clock.instant()))
                     .orElseThrow(() -> OAuth2Exception.notFound("no token with that value"));
    }
}
