package io.tokenledger.app.ledger;

import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.query.consent.ConsentTimeline;
import io.tokenledger.query.oidc.IdTokenLookup;
import io.tokenledger.query.session.SessionTimeline;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * The auditors' view of OpenID Connect ({@code ledger:audit}): which key signed an ID token and what it said, a
 * sign-in session at any instant with the grants it started, and what a user allowed a client at any instant.
 */
@RestController
public class SignInLedgerEndpoint {

    private static final String NOT_FOUND = "nothing in the ledger has that id";

    private final IdTokenLookup idTokens;
    private final SessionTimeline sessions;
    private final ConsentTimeline consents;
    private final Clock clock;

    public SignInLedgerEndpoint(IdTokenLookup idTokens, SessionTimeline sessions, ConsentTimeline consents,
                                Clock clock) {
        this.idTokens = idTokens;
        this.consents = consents;
        this.sessions = sessions;
        this.clock = clock;
    }

    @GetMapping("/ledger/id-tokens/{idTokenId}")
    public IdTokenLookup.SignedIdToken idToken(@PathVariable String idTokenId) {
        return idTokens.byId(idTokenId).orElseThrow(() -> OAuth2Exception.notFound(NOT_FOUND));
    }

    /** What the user allowed the client at an instant (now when omitted). */
    @GetMapping("/ledger/users/{userId}/consents/{clientId}")
    public ConsentTimeline.ConsentAsOf consent(@PathVariable String userId, @PathVariable String clientId,
                                               @RequestParam(required = false) String asOf) {
        return consents.asOf(userId, clientId, InstantParameter.parse(asOf, "asOf", clock))
                       .orElseThrow(() -> OAuth2Exception.notFound(NOT_FOUND));
    }

    @GetMapping("/ledger/sessions/{sessionId}")
    public SessionTimeline.SessionAsOf session(@PathVariable String sessionId,
                                               @RequestParam(required = false) String asOf) {
        return sessions.asOf(sessionId, InstantParameter.parse(asOf, "asOf", clock))
                       .orElseThrow(() -> OAuth2Exception.notFound(NOT_FOUND));
    }
}
