package io.tokenledger.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.SealKeys;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.verification.ExportManifest;
import io.tokenledger.projections.integrity.verification.ExportVerifier;
import io.tokenledger.projections.integrity.verification.LedgerExport;
import io.tokenledger.projections.integrity.verification.Verification;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code export <dir>} writes what an auditor needs to verify the ledger offline; {@code verify-export <dir>} checks
 * such an export with no database and no server: with {@code --anchor-key=<pem>} against an anchor key the auditor
 * trusts, and with {@code LEDGER_SEAL_KEY} (or {@code --seal-key=}) everything the server would check. Progress goes
 * to standard error, the result as JSON to standard output.
 */
final class ExportCommand {

    static final String VERIFY = "verify-export";

    private ExportCommand() {
    }

    static ExportManifest export(ConfigurableApplicationContext context, Path directory, PrintStream progress) {
        return context.getBean(LedgerExport.class).export(directory,
                (what, done) -> progress.printf("exported %,d %s%n", done, what));
    }

    static int verify(String[] words, String[] options, PrintStream out, PrintStream progress) {
        if (words.length != 2) {
            out.println("usage: java -jar token-ledger.jar verify-export <dir> [--anchor-key=<public key PEM>] "
                    + "[--seal-key=<LEDGER_SEAL_KEY>]");
            return 2;
        }
        try {
            Optional<String> sealKey = option(options, "--seal-key=").or(() -> Optional.ofNullable(
                    System.getenv("LEDGER_SEAL_KEY")).filter(key -> !key.isBlank()));
            Optional<String> anchorKey = option(options, "--anchor-key=");
            if (anchorKey.isEmpty()) {
                progress.println("no --anchor-key given: the anchors are checked with the key the export carries, "
                        + "which proves only that whoever exported it signed them");
            }
            if (sealKey.isEmpty()) {
                progress.println("no seal key given: checking that the events are those the anchors name, not the "
                        + "seals and keyed links");
            }
            AnchorSigner trusted = anchorKey.isEmpty() ? null
                    : AnchorSigner.verifying(Files.readString(Path.of(anchorKey.get())));
            Verification result = new ExportVerifier().verify(Path.of(words[1]),
                    sealKey.map(key -> new Seals(SealKeys.parse(key))).orElse(null), trusted,
                    (what, done) -> progress.printf("verified %,d %s%n", done, what));
            out.println(new ObjectMapper().writeValueAsString(result));
            return result.ok() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println("failed: " + e.getMessage());
            return 1;
        }
    }

    private static Optional<String> option(String[] options, String prefix) {
        return Arrays.stream(options).filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()))
                     .findFirst();
    }
}
