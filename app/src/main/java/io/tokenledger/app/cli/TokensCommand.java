package io.tokenledger.app.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.commanding.RevocationNote;
import io.tokenledger.app.commanding.TokenRevoker;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.UUID;

@Command(name = "tokens", description = "Token administration.", subcommands = TokensCommand.RevokeToken.class)
final class TokensCommand extends CommandGroup {

    @Command(name = "revoke", description = {"Revoke a token by its id (REVOKED_BY_ADMIN), its whole grant when it "
            + "has one, as POST /admin/tokens/{id}/revoke does.", "Prints the outcome: REVOKED, or ALREADY_REVOKED "
            + "when it was (nothing is recorded then)."})
    static final class RevokeToken extends ServerContextCommand {

        @Option(names = "--token-id", required = true, paramLabel = "<uuid>",
                description = "The token's id: jti in introspection, token_id in the tokens table.")
        UUID tokenId;

        @Option(names = "--reason", description = "Why, recorded with the revocation (up to 500 printable characters).")
        String reason;

        @Mixin
        OperatorName operator;

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            String note = RevocationNote.of(reason);
            TokenState token = context.getBean(TokenLookup.class).byTokenId(tokenId)
                                      .orElseThrow(() -> new NotFound("no token " + tokenId));
            RevocationOutcome outcome = context.getBean(TokenRevoker.class)
                                               .revokeAsAdmin(token, operator.actor(), note);
            print(context, new Revoked(token.tokenId(), token.grantId(), outcome));
            return ExitCodes.OK;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Revoked(String tokenId, String grantId, RevocationOutcome outcome) {
    }
}
