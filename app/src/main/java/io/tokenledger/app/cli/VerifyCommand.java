package io.tokenledger.app.cli;

import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "verify", description = {"Recompute every event's seal, the hash chain and the anchors, as "
        + "GET /ledger/verify does.", "Exit 0 when the ledger is intact, 1 with the first event or anchor that "
        + "does not match."})
final class VerifyCommand extends ServerContextCommand {

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        Verification result = context.getBean(LedgerVerifier.class).verify();
        print(context, result);
        return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
