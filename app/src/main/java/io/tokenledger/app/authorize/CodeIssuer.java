package io.tokenledger.app.authorize;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.grant.IssueAuthorizationCode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Starts a grant with a fresh authorization code; only the code's hash reaches the ledger. */
@Component
public class CodeIssuer {

    private final CommandGateway commands;
    private final Clock clock;
    private final Duration codeTtl;

    public CodeIssuer(CommandGateway commands, Clock clock, LedgerProperties ledger) {
        this.commands = commands;
        this.clock = clock;
        this.codeTtl = ledger.codeTtl();
    }

    /** @param authentication the sign-in the code's ID tokens will state: the form's just now, or a session's */
    public String issue(AuthorizationRequest request, String userId, Authentication authentication) {
        String code = Secrets.generate();
        Instant now = clock.instant();
        commands.sendAndWait(new IssueAuthorizationCode(TimeOrderedIds.next(), request.client().clientId(),
                userId, Secrets.sha256(code), request.redirectUri().toString(), request.scopes(),
                request.resources(), request.codeChallenge(), "S256", now, now.plus(codeTtl), request.nonce(),
                authentication, Actor.user(userId)));
        return code;
    }
}
