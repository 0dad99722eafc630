package io.tokenledger.app.cli;

import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

import java.util.concurrent.atomic.AtomicLong;

@Command(name = "verify", description = {"Recompute every event's seal, the hash chain and the anchors, as "
        + "GET /ledger/verify does; how far it has walked goes to standard error every few seconds.",
        "Exit 0 when the ledger is intact, 1 with the first event or anchor that does not match."})
final class VerifyCommand extends ServerContextCommand {

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        LedgerVerifier verifier = context.getBean(LedgerVerifier.class);
        long total = verifier.head();
        long started = System.nanoTime();
        AtomicLong walked = new AtomicLong();
        Verification result;
        try (ProgressLines lines = new ProgressLines(() -> err().printf("verify: %,d of %,d events walked%n",
                Math.min(walked.get(), total), total))) {
            result = verifier.verify(null, null, walked::set);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (result.ok()) {
            err().printf("verify: %,d events walked in %.1f s%n", total, seconds);
        } else {
            err().printf("verify: stopped at the first problem after %.1f s%n", seconds);
        }
        print(context, result);
        return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
