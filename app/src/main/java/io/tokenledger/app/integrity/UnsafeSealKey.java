package io.tokenledger.app.integrity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A configured database without {@code LEDGER_SEAL_KEY}: the server refuses to start, and says why in one line. */
public class UnsafeSealKey extends RuntimeException {

    public UnsafeSealKey() {
        super("LEDGER_SEAL_KEY is not set: with a configured database the seal key must be kept outside it, or a "
                + "writer of the database could forge the ledger's proof");
    }

    /** Prints the reason and the fix instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<UnsafeSealKey> {

        @Override
        protected FailureAnalysis analyze(Throwable root, UnsafeSealKey cause) {
            return new FailureAnalysis(cause.getMessage(), "Set LEDGER_SEAL_KEY to 32+ random bytes in base64 "
                    + "(openssl rand -base64 32), kept outside the database; for development only, "
                    + "LEDGER_SEAL_KEY_IN_DATABASE=true keeps a generated one in the database.", cause);
        }
    }
}
