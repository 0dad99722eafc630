package io.tokenledger.app.token;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.IssueToken;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Generates a token and records its issuance in the ledger; only the hash leaves this class. */
@Component
public class TokenIssuer {

    private final CommandGateway commands;
    private final Clock clock;
    private final Duration accessTokenTtl;

    public TokenIssuer(CommandGateway commands, Clock clock, LedgerProperties ledger) {
        this.commands = commands;
        this.clock = clock;
        this.accessTokenTtl = ledger.accessTokenTtl();
    }

    public IssuedToken issue(String clientId, String userId, String grantType, List<String> scopes, Actor actor) {
        String tokenId = UUID.randomUUID().toString();
        String accessToken = Secrets.generate();
        Instant now = clock.instant();
        commands.sendAndWait(new IssueToken(tokenId, clientId, userId, grantType, scopes, Secrets.sha256(accessToken),
                null, now, now.plus(accessTokenTtl), actor));
        return new IssuedToken(tokenId, accessToken, accessTokenTtl, scopes);
    }
}
