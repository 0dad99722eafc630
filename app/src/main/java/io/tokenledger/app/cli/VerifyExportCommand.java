package io.tokenledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.SealKeys;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.verification.ExportVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Checks an export with no database and no server, so an auditor can run it on a machine of their own. */
@Command(name = "verify-export", description = {"Verify an export offline: no database, no server.",
        "With --anchor-key, against an anchor key the auditor trusts; with the seal key, everything the server "
        + "would check. Exit 0 when intact, 1 when not."})
final class VerifyExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<dir>", description = "A directory written by export.")
    Path directory;

    @Option(names = "--anchor-key", paramLabel = "<pem>", description = "The anchor public key (PEM) you trust.")
    Path anchorKey;

    @Option(names = "--seal-key", paramLabel = "<key>", defaultValue = "${env:LEDGER_SEAL_KEY}",
            description = "LEDGER_SEAL_KEY's value (default: that variable), to check the seals and keyed links.")
    String sealKey;

    @Option(names = "--seal-key-file", paramLabel = "<file>",
            description = "A file holding the seal key (a compose deployment's secrets/ledger.seal-key): unlike "
                    + "--seal-key, it shows in no process list.")
    Path sealKeyFile;

    /** The arguments are checked before any work: a key that cannot be read is a usage error, not tampering. */
    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw usage(directory + " is not a directory written by export");
        }
        Seals seals = seals();
        AnchorSigner trusted = anchorKey == null ? null : trusted(anchorKey);
        PrintWriter progress = spec.commandLine().getErr();
        if (trusted == null) {
            progress.println("no --anchor-key given: the anchors are checked with the key the export carries, "
                    + "which proves only that whoever exported it signed them");
        }
        if (seals == null) {
            progress.println("no seal key given: checking that the events are those the anchors name, not the "
                    + "seals and keyed links");
        }
        Verification result = new ExportVerifier().verify(directory, seals, trusted,
                (what, done) -> progress.printf("verified %,d %s%n", done, what));
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(result));
        return result.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Seals seals() {
        String key = sealKeyFile == null ? sealKey : read(sealKeyFile, "--seal-key-file").strip();
        if (key == null || key.isBlank()) {
            return null;
        }
        try {
            return new Seals(SealKeys.parse(key));
        } catch (IllegalArgumentException e) {
            throw usage("the seal key: " + e.getMessage());
        }
    }

    private AnchorSigner trusted(Path pem) {
        try {
            return AnchorSigner.verifying(read(pem, "--anchor-key"));
        } catch (IllegalArgumentException e) {
            throw usage("--anchor-key " + pem + ": " + e.getMessage());
        }
    }

    private String read(Path file, String option) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw usage(option + ": cannot read " + file);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
