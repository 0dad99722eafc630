package io.tokenledger.app.ledger;

import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.query.ledger.ClientAsOf;
import io.tokenledger.query.ledger.PartyTimeline;
import io.tokenledger.query.ledger.UserAsOf;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** A client's registration or a user account as it was at an instant (now when omitted), folded from its events. */
@RestController
public class PartyLedgerEndpoint {

    private final PartyTimeline timeline;
    private final Clock clock;

    public PartyLedgerEndpoint(PartyTimeline timeline, Clock clock) {
        this.timeline = timeline;
        this.clock = clock;
    }

    @GetMapping("/ledger/clients/{clientId}")
    public ClientAsOf client(@PathVariable String clientId, @RequestParam(required = false) String asOf) {
        return timeline.client(clientId, InstantParameter.parse(asOf, "asOf", clock))
                       .orElseThrow(() -> OAuth2Exception.notFound("no client with that id in the ledger"));
    }

    @GetMapping("/ledger/users/{userId}")
    public UserAsOf user(@PathVariable String userId, @RequestParam(required = false) String asOf) {
        return timeline.user(userId, InstantParameter.parse(asOf, "asOf", clock))
                       .orElseThrow(() -> OAuth2Exception.notFound("no user with that id in the ledger"));
    }
}
